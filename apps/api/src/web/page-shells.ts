import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One source's output in Vite's build manifest (dist/.vite/manifest.json). */
export interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/**
 * A page of the web app whose deep link gets more than the app's entry: a
 * script of its own that starts the page's reads at once (`early`), and the
 * page's code and styles announced up front (`chunks`, their static imports
 * and styles), so that they load beside the entry instead of after it.
 */
export interface PageShell {
  name: string;
  path: RegExp;
  early: string;
  chunks: string[];
}

export const PAGE_SHELLS: PageShell[] = [
  {
    name: 'proposal',
    path: /^\/proposals\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/?$/i,
    early: 'src/pages/proposal/early.ts',
    // The page frame (query cache) and the page, as the router loads them (apps/web/src/router.tsx); the page imports the loader's reads (prefetch.ts).
    chunks: ['src/components/AppFrame.tsx', 'src/pages/proposal/ProposalPage.tsx'],
  },
];

/** A source and every source it imports statically, each once. */
function closure(manifest: Manifest, keys: string[]): string[] {
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const k of manifest[key].imports ?? []) walk(k);
  };
  keys.forEach(walk);
  return [...seen];
}

/**
 * index.html with the shell's additions in its head, or null when the build
 * has no such sources. What index.html loads already is left out.
 */
export function shellHtml(index: string, manifest: Manifest, shell: PageShell): string | null {
  const entry = manifest['index.html'];
  if (!entry || !manifest[shell.early] || shell.chunks.some((k) => !manifest[k]) || !/<head>/i.test(index) || !index.includes('</head>')) return null;
  const loaded = closure(manifest, ['index.html']);
  const files = new Set(loaded.map((k) => manifest[k].file));
  const styles = new Set(loaded.flatMap((k) => manifest[k].css ?? []));
  // The early script and what it imports first in the head (found first, fetched first, run on arrival)…
  const earlyFiles = closure(manifest, [shell.early]).map((k) => manifest[k].file);
  const early = [`<script type="module" async fetchpriority="high" crossorigin src="/${earlyFiles[0]}"></script>`, ...earlyFiles.slice(1).map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`)];
  // …the page's code and styles after the entry's, at low priority: the early reads (and the worker that makes them) go first on the
  // browser's few connections to the server, and these still arrive before the router would ask for them.
  const preload = (f: string) => `<link rel="modulepreload" fetchpriority="low" crossorigin href="/${f}">`;
  const scripts: string[] = [];
  const sheets: string[] = [];
  for (const key of closure(manifest, shell.chunks)) {
    const chunk = manifest[key];
    if (!files.has(chunk.file) && !earlyFiles.includes(chunk.file)) scripts.push(chunk.file);
    for (const css of chunk.css ?? []) if (!styles.has(css) && !sheets.includes(css)) sheets.push(css);
  }
  const page = [...scripts.map(preload), ...sheets.map((f) => `<link rel="preload" as="style" fetchpriority="low" crossorigin href="/${f}">`)];
  const head = /<meta charset[^>]*>/i.exec(index) ?? /<head>/i.exec(index);
  const at = (head?.index ?? 0) + (head?.[0].length ?? 0);
  const withEarly = `${index.slice(0, at)}\n    ${early.join('\n    ')}${index.slice(at)}`;
  return withEarly.replace('</head>', `  ${page.join('\n    ')}\n  </head>`);
}

/**
 * A shell's first paint for one request: the page's content as HTML for the
 * reader the request names (proposal-first-paint.ts), or null for the shell
 * as everyone gets it.
 */
export type FirstPaint = (req: Request) => Promise<string | null>;

/** The meta element naming the app's entry in a shell whose early script starts the app (see deferAppStart). */
export const APP_ENTRY_META = 'kenes-app';

/**
 * The shell for a page with a first paint: the app's entry and its preloaded
 * modules are left out of the head, and a meta element names the entry
 * instead; the page's styles are stylesheets, not preloads. The page's early script (early.ts) starts the app once the first
 * paint has been laid out: fetched and compiled beside the parser, the app's
 * code held up the first paint's first frame (about 1.4 times the time of
 * the same page without it, against 2.3 times with it, measured).
 * Null when the shell has no entry to take out.
 */
export function deferAppStart(html: string, entryFile: string): string | null {
  const entry = `<script type="module" crossorigin src="/${entryFile}"></script>`;
  if (!html.includes(entry)) return null;
  return (
    html
      .replace(entry, `<meta name="${APP_ENTRY_META}" content="/${entryFile}">`)
      .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
      // The page's own styles apply at once: the first paint is the page's markup (a body's line breaks, the status badge).
      .replace(/<link rel="preload" as="style" fetchpriority="low" crossorigin href=/g, '<link rel="stylesheet" crossorigin href=')
  );
}

/** The shell with a first paint put before the app's root (spliced in: not a replacement pattern, where a $& in a title would count). */
export function withFirstPaint(html: string, firstPaint: string): string {
  const at = html.indexOf('<div id="root"></div>');
  return at < 0 ? html : `${html.slice(0, at)}${firstPaint}${html.slice(at)}`;
}

/** How long a page waits for its first paint before it is served without it (the app then reads for itself). */
export const FIRST_PAINT_WAIT_MS = 1_000;

/**
 * Express middleware answering the deep links of PAGE_SHELLS with their
 * shells (GET and HEAD; the same headers as index.html), or null without a
 * build or its manifest: then every path answers index.html as before. A
 * shell with a first paint (by its name in `firstPaints`) gets the reader's
 * own page: never kept by a browser or a proxy (no-store, Vary: Cookie).
 */
export function pageShells(root: string | null, firstPaints: Partial<Record<string, FirstPaint>> = {}): ((req: Request, res: Response, next: NextFunction) => void) | null {
  const manifestFile = root ? join(root, '.vite', 'manifest.json') : null;
  if (!root || !manifestFile || !existsSync(manifestFile)) return null;
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const shells = PAGE_SHELLS.flatMap((shell) => {
    const html = shellHtml(index, manifest, shell);
    if (html === null) new Logger('WebModule').warn(`the web app's build has no ${shell.name} page sources: its deep links answer index.html`);
    if (html === null) return [];
    const firstPaint = firstPaints[shell.name];
    const deferred = firstPaint ? deferAppStart(html, manifest['index.html'].file) : null;
    return [{ path: shell.path, html, firstPaint: deferred === null ? undefined : firstPaint, deferred: deferred ?? html }];
  });
  if (!shells.length) return null;
  const log = new Logger('WebModule');
  return (req, res, next) => {
    const shell = req.method === 'GET' || req.method === 'HEAD' ? shells.find((s) => s.path.test(req.path)) : undefined;
    if (!shell) return next();
    const send = (firstPaint: string | null) => {
      res.status(200).setHeader('Content-Type', 'text/html; charset=utf-8');
      // As index.html: asked for again each time; a reader's own page is kept nowhere.
      res.setHeader('Cache-Control', firstPaint === null ? 'no-cache' : 'private, no-store');
      if (shell.firstPaint) res.setHeader('Vary', 'Cookie');
      res.end(req.method === 'HEAD' ? undefined : firstPaint === null ? shell.html : withFirstPaint(shell.deferred, firstPaint));
    };
    // HEAD gets the headers of the shell as everyone gets it: no reads for a page that is not sent.
    if (!shell.firstPaint || req.method === 'HEAD') return send(null);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FIRST_PAINT_WAIT_MS)));
    Promise.race([shell.firstPaint(req), late])
      .catch((err: unknown) => {
        log.warn(`first paint of ${req.path}: ${(err as Error).message}`);
        return null;
      })
      .then((firstPaint) => {
        clearTimeout(timer);
        send(firstPaint);
      });
  };
}
