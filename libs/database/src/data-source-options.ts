import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationClasses = MixedList<Function | string>;

export interface DatabaseOptions {
  url: string;
  entities: Classes;
  migrations?: MigrationClasses;
  poolSize?: number;
}

/** The one place where TypeORM's options are decided: the schema changes only through migrations. */
export function dataSourceOptions(o: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: o.url,
    entities: o.entities,
    migrations: o.migrations ?? [],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'kenes',
    uuidExtension: 'pgcrypto',
    extra: { max: o.poolSize ?? 20 },
  };
}

const MIGRATION_LOCK = 727_001;

/**
 * Runs pending migrations under an advisory lock, so that several API nodes
 * starting at once apply each migration exactly once.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await dataSource.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Opens a short-lived data source, migrates, and closes it. */
export async function migrateDatabase(o: DatabaseOptions): Promise<string[]> {
  const ds = new DataSource({ ...dataSourceOptions(o), extra: { max: 2 } });
  await ds.initialize();
  try {
    return await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}
