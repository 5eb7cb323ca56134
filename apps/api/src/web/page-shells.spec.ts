import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deferAppStart, FIRST_PAINT_WAIT_MS, Manifest, PAGE_SHELLS, pageShells, shellHtml } from './page-shells';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <script type="module" crossorigin src="/assets/index-A.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-B.js">
    <link rel="stylesheet" crossorigin href="/assets/index-C.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

/** A build as Vite's manifest describes it: the entry, the early script, the page's chunks sharing some with the entry. */
const MANIFEST: Manifest = {
  'index.html': { file: 'assets/index-A.js', imports: ['_react-B.js'], css: ['assets/index-C.css'] },
  '_react-B.js': { file: 'assets/react-B.js' },
  '_early-reads-D.js': { file: 'assets/early-reads-D.js' },
  'src/pages/proposal/early.ts': { file: 'assets/proposal-early-E.js', imports: ['_early-reads-D.js'] },
  '_query-F.js': { file: 'assets/query-F.js', imports: ['_react-B.js'] },
  'src/components/AppFrame.tsx': { file: 'assets/AppFrame-G.js', imports: ['_query-F.js', '_react-B.js'] },
  'src/pages/proposal/prefetch.ts': { file: 'assets/prefetch-H.js', imports: ['_query-F.js', '_early-reads-D.js'] },
  'src/pages/proposal/ProposalPage.tsx': { file: 'assets/ProposalPage-I.js', imports: ['_react-B.js', 'src/pages/proposal/prefetch.ts', '_layout-J.js'], css: ['assets/ProposalPage-K.css'] },
  '_layout-J.js': { file: 'assets/layout-J.js', css: ['assets/layout-L.css', 'assets/index-C.css'] },
};

const proposal = PAGE_SHELLS.find((s) => s.name === 'proposal')!;

describe('page shells', () => {
  it('start the proposal page’s early script first, then announce its code and styles, without what index.html loads already', () => {
    const html = shellHtml(INDEX, MANIFEST, proposal)!;
    // Right after <meta charset>: the early script and its import.
    const early = [
      '<script type="module" async fetchpriority="high" crossorigin src="/assets/proposal-early-E.js"></script>',
      '<link rel="modulepreload" crossorigin href="/assets/early-reads-D.js">',
    ].join('\n    ');
    const charset = '<meta charset="UTF-8" />';
    expect(html.indexOf(`${charset}\n    ${early}\n`)).toBe(INDEX.indexOf(charset));
    const rest = html.replace(`\n    ${early}`, '');
    // Before </head>: the page's chunks and styles.
    const added = rest.slice(INDEX.indexOf('</head>'), rest.indexOf('</head>'));
    const preloaded = [...added.matchAll(/rel="modulepreload" fetchpriority="low" crossorigin href="\/([^"]+)"/g)].map((m) => m[1]).sort();
    expect(preloaded).toEqual(['assets/AppFrame-G.js', 'assets/ProposalPage-I.js', 'assets/layout-J.js', 'assets/prefetch-H.js', 'assets/query-F.js']);
    const styles = [...added.matchAll(/rel="preload" as="style" fetchpriority="low" crossorigin href="\/([^"]+)"/g)].map((m) => m[1]).sort();
    expect(styles).toEqual(['assets/ProposalPage-K.css', 'assets/layout-L.css']);
    // The rest of index.html is as it was.
    expect(rest.replace(added, '')).toBe(INDEX);
  });

  it('leave the app’s start to the early script when the page has a first paint: the entry named, not loaded; nothing else preloaded', () => {
    const html = shellHtml(INDEX, MANIFEST, proposal)!;
    const deferred = deferAppStart(html, 'assets/index-A.js')!;
    expect(deferred).not.toContain('src="/assets/index-A.js"');
    expect(deferred).toContain('<meta name="kenes-app" content="/assets/index-A.js">');
    expect(deferred).not.toContain('modulepreload');
    // The early script, the app's stylesheet and the page's styles stay.
    expect(deferred).toContain('src="/assets/proposal-early-E.js"');
    expect(deferred).toContain('<link rel="stylesheet" crossorigin href="/assets/index-C.css">');
    expect(deferred).toContain('<link rel="stylesheet" crossorigin href="/assets/ProposalPage-K.css">');
    expect(deferAppStart(html, 'assets/other.js')).toBeNull();
  });

  it('give no shell for a build without the page’s sources (the deep link answers index.html)', () => {
    const { ['src/pages/proposal/early.ts']: _early, ...withoutEarly } = MANIFEST;
    expect(shellHtml(INDEX, withoutEarly, proposal)).toBeNull();
    const { ['src/pages/proposal/ProposalPage.tsx']: _page, ...withoutPage } = MANIFEST;
    expect(shellHtml(INDEX, withoutPage, proposal)).toBeNull();
  });

  it('match a proposal’s deep link only', () => {
    const id = '0b6f3d2e-6c1a-4d8e-9f00-1234567890ab';
    expect(proposal.path.test(`/proposals/${id}`)).toBe(true);
    for (const other of ['/', `/proposals/${id}/x`, '/proposals/new', `/working-groups/${id}/proposals/new`, `/api/v1/proposals/${id}`]) expect(proposal.path.test(other)).toBe(false);
  });

  describe('as middleware', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'kenes-shells-'));
      mkdirSync(join(dir, '.vite'));
      writeFileSync(join(dir, 'index.html'), INDEX);
      writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const call = (handler: NonNullable<ReturnType<typeof pageShells>>, method: string, path: string) => {
      const res = { statusCode: 0, headers: {} as Record<string, string>, body: undefined as string | undefined, status(c: number) { this.statusCode = c; return this; }, setHeader(k: string, v: string) { this.headers[k.toLowerCase()] = v; return this; }, end(b?: string) { this.body = b; } };
      let passed = false;
      handler({ method, path } as never, res as never, () => (passed = true));
      return { res, passed };
    };

    it('answers a proposal’s deep link with its shell, as index.html is answered (no-cache), and passes every other request on', () => {
      const handler = pageShells(dir)!;
      const { res, passed } = call(handler, 'GET', '/proposals/0b6f3d2e-6c1a-4d8e-9f00-1234567890ab');
      expect(passed).toBe(false);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(shellHtml(INDEX, MANIFEST, proposal));
      expect(call(handler, 'HEAD', '/proposals/0b6f3d2e-6c1a-4d8e-9f00-1234567890ab').res.body).toBeUndefined();
      for (const [method, path] of [['GET', '/'], ['GET', '/sessions/0b6f3d2e-6c1a-4d8e-9f00-1234567890ab'], ['POST', '/proposals/0b6f3d2e-6c1a-4d8e-9f00-1234567890ab']]) expect(call(handler, method, path).passed).toBe(true);
    });

    const callAsync = (handler: NonNullable<ReturnType<typeof pageShells>>, path: string) =>
      new Promise<{ status: number; headers: Record<string, string>; body: string | undefined }>((resolve) => {
        const res = { statusCode: 0, headers: {} as Record<string, string>, status(c: number) { this.statusCode = c; return this; }, setHeader(k: string, v: string) { this.headers[k.toLowerCase()] = v; return this; }, end(b?: string) { resolve({ status: this.statusCode, headers: this.headers, body: b }); } };
        handler({ method: 'GET', path } as never, res as never, () => resolve({ status: 0, headers: {}, body: 'passed on' }));
      });
    const PATH = '/proposals/0b6f3d2e-6c1a-4d8e-9f00-1234567890ab';

    it('puts a reader’s first paint before the app’s root, in the shell that starts the app after it, kept by no cache', async () => {
      const handler = pageShells(dir, { proposal: async () => '<div id="first-paint">dossier</div>' })!;
      const { status, headers, body } = await callAsync(handler, PATH);
      expect(status).toBe(200);
      expect(headers['cache-control']).toBe('private, no-store');
      expect(headers.vary).toBe('Cookie');
      expect(body).toBe(deferAppStart(shellHtml(INDEX, MANIFEST, proposal)!, 'assets/index-A.js')!.replace('<div id="root"></div>', '<div id="first-paint">dossier</div><div id="root"></div>'));
    });

    it('splices the first paint in as it is: a $& or $` in a reader’s text is text, not a replacement pattern', async () => {
      const paint = '<div id="first-paint">costs $$5, $& and $` and $\'</div>';
      const { body } = await callAsync(pageShells(dir, { proposal: async () => paint })!, PATH);
      expect(body).toContain(`${paint}<div id="root"></div>`);
      expect(body!.match(/<div id="root"><\/div>/g)).toHaveLength(1);
    });

    it('does not wait for a first paint longer than FIRST_PAINT_WAIT_MS, and reads nothing for HEAD', async () => {
      let asked = 0;
      const handler = pageShells(dir, { proposal: () => (asked++, new Promise<string | null>(() => undefined)) })!;
      const t0 = Date.now();
      const { body, headers } = await callAsync(handler, PATH);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(FIRST_PAINT_WAIT_MS - 50);
      expect(body).toBe(shellHtml(INDEX, MANIFEST, proposal));
      expect(headers['cache-control']).toBe('no-cache');
      expect(call(handler, 'HEAD', PATH).res.headers['cache-control']).toBe('no-cache');
      expect(asked).toBe(1);
    });

    it('answers the shell as everyone gets it when there is no first paint for the request, or it failed', async () => {
      for (const firstPaint of [async () => null, async () => Promise.reject(new Error('down'))] as (() => Promise<string | null>)[]) {
        const { status, headers, body } = await callAsync(pageShells(dir, { proposal: firstPaint })!, PATH);
        expect(status).toBe(200);
        expect(headers['cache-control']).toBe('no-cache');
        expect(headers.vary).toBe('Cookie');
        expect(body).toBe(shellHtml(INDEX, MANIFEST, proposal));
      }
    });

    it('is not there without a build or without its manifest', () => {
      expect(pageShells(null)).toBeNull();
      rmSync(join(dir, '.vite'), { recursive: true });
      expect(pageShells(dir)).toBeNull();
    });
  });
});
