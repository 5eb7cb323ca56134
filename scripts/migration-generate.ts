/**
 * npm run migration:generate -- <Name>
 *
 * Applies the existing migrations to a scratch database, diffs it against the
 * entities, and writes what differs as migrations/<timestamp>-<Name>.ts (and
 * registers it in migrations/index.ts). Read the file before committing it.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '@kenes/common';
import { dataSourceOptions, runMigrations, startEmbeddedPostgres, withDatabase } from '@kenes/database';
import { persistence } from '../apps/api/src/persistence';

const root = resolve(__dirname, '..');
const q = (sql: string) => sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
const statement = (s: { query: string; parameters?: unknown[] }) =>
  `    await queryRunner.query(\`${q(s.query)}\`${s.parameters?.length ? `, ${JSON.stringify(s.parameters)}` : ''});`;

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
  const env = validateEnvironment(process.env);
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: join(resolve(env.KENES_HOME), 'pg') });
  const serverUrl = env.DATABASE_URL ?? (embedded as { url: string }).url;
  const scratch = `kenes_migration_${Date.now()}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  try {
    const ds = new DataSource(dataSourceOptions(persistence(withDatabase(serverUrl, scratch), 2)));
    await ds.initialize();
    await runMigrations(ds);
    const sql = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    if (sql.upQueries.length === 0) {
      console.log('No changes: the migrations already match the entities.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const up = sql.upQueries.map(statement).join('\n');
    const down = sql.downQueries.reverse().map(statement).join('\n');
    const file = `${timestamp}-${name}`;
    const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
    await writeFile(join(root, 'migrations', `${file}.ts`), body);
    const indexPath = join(root, 'migrations', 'index.ts');
    const index = existsSync(indexPath) ? await readFile(indexPath, 'utf8') : '';
    const lines = index.split('\n');
    const lastImport = lines.reduce((at, line, i) => (line.startsWith('import ') ? i : at), 0);
    lines.splice(lastImport + 1, 0, `import { ${className} } from './${file}';`);
    const withImport = lines.join('\n');
    const updated = withImport.replace(/export const MIGRATIONS: Function\[\] = \[([\s\S]*?)\];/, (_m, list: string) => {
      const items = list.split(',').map((s) => s.trim()).filter(Boolean);
      items.push(className);
      return `export const MIGRATIONS: Function[] = [\n  ${items.join(',\n  ')},\n];`;
    });
    await writeFile(indexPath, updated);
    console.log(`wrote migrations/${file}.ts (${sql.upQueries.length} statements); read it before committing`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
