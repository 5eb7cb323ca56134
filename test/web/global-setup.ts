import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import databaseSetup from '../setup/global-setup';

/**
 * Browser tests: the database template of the end-to-end tests, and the web
 * app built (scripts/web-build.ts rebuilds only when a source is newer than
 * the build), which the test app then serves.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'node_modules', 'ts-node', 'dist', 'bin.js'), join(root, 'scripts', 'web-build.ts')], { cwd: root, stdio: 'inherit' });
  await databaseSetup();
}
