import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { embeddedDataDir, privateAncestor, SHARED_EMBEDDED_ROOT } from './embedded-postgres';

const ROOT = resolve(__dirname, '../../..');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('where the embedded PostgreSQL keeps its data', () => {
  let outer: string;
  beforeEach(() => {
    // mktemp -d makes a 0700 folder, as private as root's home on Debian
    outer = mkdtempSync(join(tmpdir(), 'kenes-private-'));
    chmodSync(outer, 0o700);
  });
  afterEach(() => rmSync(outer, { recursive: true, force: true }));

  it('finds the folder others cannot enter', () => {
    const pg = join(outer, 'project', '.kenes', 'pg');
    expect(privateAncestor(dirname(pg))).toBe(outer);
    chmodSync(outer, 0o711);
    expect(privateAncestor(dirname(pg))).toBeNull();
  });

  it("as root, moves a private project's cluster to one folder per project under /var/lib/kenes", () => {
    const pg = join(outer, 'project', '.kenes', 'pg');
    const moved = embeddedDataDir(pg, true);
    expect(moved.privateFolder).toBe(outer);
    expect(moved.dataDir).toMatch(new RegExp(`^${SHARED_EMBEDDED_ROOT}/project-[0-9a-f]{12}/pg$`));
    expect(embeddedDataDir(pg, true)).toEqual(moved);
    expect(embeddedDataDir(join(outer, 'other', '.kenes', 'pg'), true).dataDir).not.toBe(moved.dataDir);
    // a folder others can pass through, or a user who is not root: the data stays in the project
    expect(embeddedDataDir(pg, false)).toEqual({ dataDir: pg, privateFolder: null });
    chmodSync(outer, 0o711);
    expect(embeddedDataDir(pg, true)).toEqual({ dataDir: pg, privateFolder: null });
  });

  it('starts from a private folder as npm start does: the database is migrated and the log says where it lives', async () => {
    const home = join(outer, 'project', '.kenes');
    mkdirSync(dirname(home), { recursive: true });
    const { dataDir } = embeddedDataDir(join(home, 'pg'), isRoot);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'test/support/embedded-private-folder-scenario.ts', home], {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json', DATABASE_URL: '' },
      });
      const { lines, migrations } = JSON.parse(stdout.trim().split('\n').pop() as string) as { lines: string[]; migrations: number };
      expect(migrations).toBeGreaterThan(10);
      expect(lines[0]).toContain(`starting the embedded PostgreSQL in ${dataDir}`);
      if (isRoot) expect(lines[0]).toContain(`cannot enter the private folder ${outer}`);
    } finally {
      if (dataDir.startsWith(SHARED_EMBEDDED_ROOT)) rmSync(dirname(dataDir), { recursive: true, force: true });
    }
  }, 180_000);
});
