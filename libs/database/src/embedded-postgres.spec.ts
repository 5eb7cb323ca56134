import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { LEGACY_EMBEDDED_PASSWORD } from './embedded-postgres';

const ROOT = resolve(__dirname, '../../..');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * The embedded cluster's superuser password, on a real embedded PostgreSQL
 * (one initdb, two starts, in a child process: jest cannot load the ESM
 * package): generated for a new cluster and kept 0600 beside the data; a
 * cluster made with the old constant password gets a generated one at its
 * next start, and the old one stops working.
 */
describe('the embedded PostgreSQL password', () => {
  const home = join(mkdtempSync(join(tmpdir(), 'kenes-embedded-pw-')), 'home');
  afterAll(() => rmSync(resolve(home, '..'), { recursive: true, force: true }));

  it('is generated, kept 0600 and replaces the old constant one', async () => {
    // as root the server runs as `postgres`, which must pass through every directory above its data
    chmodSync(resolve(home, '..'), 0o711);
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/support/embedded-password-scenario.ts', home], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' },
    });
    const { fresh, legacy } = JSON.parse(stdout.trim().split('\n').pop() as string);

    expect(fresh.file.password.length).toBeGreaterThanOrEqual(24);
    expect(fresh.file.password).not.toBe(LEGACY_EMBEDDED_PASSWORD);
    expect(fresh.file.mode).toBe(0o600);
    // KENES_HOME: this user's only, but for the passage `postgres` needs when we are root
    expect(fresh.homeMode).toBe(isRoot ? 0o711 : 0o700);
    expect(fresh.urlPassword).toBe(fresh.file.password);
    expect(fresh.withFile).toBe(true);
    expect(fresh.withLegacy).toBe(false);

    expect(legacy.file.password).not.toBe(LEGACY_EMBEDDED_PASSWORD);
    expect(legacy.file.password).not.toBe(fresh.file.password);
    expect(legacy.file.mode).toBe(0o600);
    expect(legacy.pendingLeft).toBe(false);
    expect(legacy.urlPassword).toBe(legacy.file.password);
    expect(legacy.withFile).toBe(true);
    expect(legacy.withLegacy).toBe(false);
  });
});
