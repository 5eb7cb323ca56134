#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (the postgres image
# runs /docker-entrypoint-initdb.d/*). POSTGRES_USER owns the database and its
# schema, and is the only role that runs migrations. The API serves as
# kenes_app, which the app grants row rights only after each migration: it can
# neither alter a table, switch off a trigger, nor delete from the record.
set -eu
psql -v ON_ERROR_STOP=1 -v app_password="$POSTGRES_APP_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE kenes_app LOGIN PASSWORD :'app_password';
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
