import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The app's catalogs, and those a page keeps with its own chunk (pages/…/messages/, the console's; rules/messages/, the rule builder's).
const CATALOG = /[\\/]src[\\/](?:i18n|(?:pages[\\/].+|rules)[\\/]messages)[\\/](en|ru|kk)\.json$/;
const PREFIX = '\0kenes-messages:';

/**
 * The en/ru/kk catalogs reach the bundle already parsed (ICU message ASTs),
 * so that the app ships react-intl without its message parser (aliased to
 * the parser-free build below): a message that does not parse fails the build.
 */
function precompiledMessages(): Plugin {
  const files = new Map<string, string>();
  return {
    name: 'kenes-precompiled-messages',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !source.endsWith('.json')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved || !CATALOG.test(resolved.id)) return null;
      // Not ending in .json: Vite's own JSON plugin leaves it alone.
      files.set(`${PREFIX}${resolved.id}.js`, resolved.id);
      return `${PREFIX}${resolved.id}.js`;
    },
    load(id) {
      const file = files.get(id);
      if (!file) return null;
      this.addWatchFile(file);
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const ast = Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, parse(text)]));
      return `export default ${JSON.stringify(ast)};`;
    },
  };
}

/** The web app; the Nest server serves its build (apps/web/dist) at the root. */
export default defineConfig({
  root,
  base: '/',
  plugins: [precompiledMessages(), react()],
  resolve: {
    alias: [
      { find: '@kenes/contracts', replacement: fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
      { find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    // dist/.vite/manifest.json: which files each source became, for the server's page shells (apps/api/src/web/page-shells.ts).
    manifest: true,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        // The proposal page's early reads: a script of its own, which the server adds to /proposals/:id only.
        'proposal-early': fileURLToPath(new URL('src/pages/proposal/early.ts', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
