#!/usr/bin/env node
/**
 * Builds what is older than its sources, and nothing else: the API (dist/, by
 * `nest build api`) and the web app (apps/web/dist, by Vite). `npm start` runs
 * it so that a fresh checkout and an edited one both serve current code, while
 * a start with nothing changed goes straight to the server.
 *
 *   node scripts/build-if-stale.js [api] [web] [--force]
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

const TARGETS = {
  api: {
    output: join(root, 'dist', 'apps', 'api', 'src', 'main.js'),
    sources: [
      join(root, 'apps', 'api'),
      join(root, 'libs'),
      join(root, 'migrations'),
      join(root, 'tsconfig.json'),
      join(root, 'nest-cli.json'),
      join(root, 'package-lock.json'),
    ],
    ignore: /\.spec\.ts$/,
    build: () => execFileSync(process.execPath, [bin('@nestjs/cli', 'bin/nest.js'), 'build', 'api'], { stdio: 'inherit', cwd: root }),
  },
  web: {
    output: join(root, 'apps', 'web', 'dist', 'index.html'),
    sources: [
      join(root, 'apps', 'web', 'src'),
      join(root, 'apps', 'web', 'index.html'),
      join(root, 'apps', 'web', 'vite.config.mts'),
      join(root, 'libs', 'contracts', 'src'),
      join(root, 'package-lock.json'),
    ],
    ignore: /\.spec\.ts$/,
    build: () =>
      execFileSync(process.execPath, [bin('vite', 'bin/vite.js'), 'build', '--config', join(root, 'apps', 'web', 'vite.config.mts'), '--logLevel', 'warn'], {
        stdio: 'inherit',
        cwd: root,
        // Jest runs this with NODE_ENV=test, which would give React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      }),
  },
};

/** The newest modification time under a file or folder (tests and build output aside). */
function newest(path, ignore) {
  const st = statSync(path);
  if (!st.isDirectory()) return ignore.test(path) ? 0 : st.mtimeMs;
  let m = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name === 'node_modules') continue;
    m = Math.max(m, newest(join(path, name), ignore));
  }
  return m;
}

/** True when the target's output is missing or older than one of its sources. */
function isStale(target) {
  if (!existsSync(target.output)) return true;
  const built = statSync(target.output).mtimeMs;
  return target.sources.some((s) => existsSync(s) && newest(s, target.ignore) > built);
}

function buildIfStale(name, force = false) {
  const target = TARGETS[name];
  if (!force && !isStale(target)) return false;
  console.log(`building ${name === 'api' ? 'the API (dist/)' : 'the web app (apps/web/dist)'}…`);
  target.build();
  return true;
}

module.exports = { buildIfStale, isStale, TARGETS };

if (require.main === module) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const names = args.filter((a) => a in TARGETS);
  for (const name of names.length ? names : Object.keys(TARGETS)) {
    if (!buildIfStale(name, force)) console.log(`${name}: up to date`);
  }
}
