/**
 * Builds the web app (apps/web/dist) when it is missing or older than any of
 * its sources: `npm start` runs it so that a fresh checkout and an edited one
 * both serve the current app, and a repeated start does not wait for Vite.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const web = join(root, 'apps', 'web');
const built = join(web, 'dist', 'index.html');
const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.mts'), join(root, 'libs', 'contracts', 'src'), join(root, 'package-lock.json')];

/** The newest modification time under a file or folder. */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), st.mtimeMs);
}

const stale = !existsSync(built) || sources.some((s) => existsSync(s) && newest(s) > statSync(built).mtimeMs);
if (stale || process.argv.includes('--force')) {
  console.log('building the web app (apps/web/dist)…');
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(web, 'vite.config.mts'), '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: root,
    // Jest runs this with NODE_ENV=test, which would give React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
} else {
  console.log('the web app build is up to date');
}
