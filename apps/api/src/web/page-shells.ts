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
    // The page frame (query cache), the route loader's reads and the page (apps/web/src/router.tsx).
    chunks: ['src/components/AppFrame.tsx', 'src/pages/proposal/prefetch.ts', 'src/pages/proposal/ProposalPage.tsx'],
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
  const scripts: string[] = [];
  const sheets: string[] = [];
  for (const key of closure(manifest, [shell.early, ...shell.chunks])) {
    const chunk = manifest[key];
    if (key !== shell.early && !files.has(chunk.file)) scripts.push(chunk.file);
    for (const css of chunk.css ?? []) if (!styles.has(css) && !sheets.includes(css)) sheets.push(css);
  }
  // The early script first in the head (found first, fetched first, run on arrival), the page's code and styles after the entry's.
  const early = `<script type="module" async fetchpriority="high" crossorigin src="/${manifest[shell.early].file}"></script>`;
  const tags = [...scripts.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`), ...sheets.map((f) => `<link rel="preload" as="style" href="/${f}">`)];
  return index.replace(/<head>/i, `<head>\n    ${early}`).replace('</head>', `  ${tags.join('\n    ')}\n  </head>`);
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
