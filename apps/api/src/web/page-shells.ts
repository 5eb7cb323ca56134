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
 * Express middleware answering the deep links of PAGE_SHELLS with their
 * shells (GET and HEAD; the same headers as index.html), or null without a
 * build or its manifest: then every path answers index.html as before.
 */
export function pageShells(root: string | null): ((req: Request, res: Response, next: NextFunction) => void) | null {
  const manifestFile = root ? join(root, '.vite', 'manifest.json') : null;
  if (!root || !manifestFile || !existsSync(manifestFile)) return null;
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const shells = PAGE_SHELLS.flatMap((shell) => {
    const html = shellHtml(index, manifest, shell);
    if (html === null) new Logger('WebModule').warn(`the web app's build has no ${shell.name} page sources: its deep links answer index.html`);
    return html === null ? [] : [{ path: shell.path, html }];
  });
  if (!shells.length) return null;
  return (req, res, next) => {
    const shell = req.method === 'GET' || req.method === 'HEAD' ? shells.find((s) => s.path.test(req.path)) : undefined;
    if (!shell) return next();
    res.status(200).setHeader('Content-Type', 'text/html; charset=utf-8');
    // As index.html: asked for again each time.
    res.setHeader('Cache-Control', 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : shell.html);
  };
}
