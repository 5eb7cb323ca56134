import databaseSetup from '../setup/global-setup';

/**
 * Browser tests: the database template of the end-to-end tests, and the web
 * app built (scripts/build-if-stale.js rebuilds only when a source is newer
 * than the build), which the test app then serves.
 */
export default async function globalSetup(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildIfStale } = require('../../scripts/build-if-stale.js') as { buildIfStale: (name: string) => boolean };
  buildIfStale('web');
  await databaseSetup();
}
