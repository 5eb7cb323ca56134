import { readFileSync } from 'node:fs';
import { SCHEMA_PATH, schemaTypes } from '../../scripts/openapi-schema';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The web app's API types (apps/web/src/api/schema.d.ts) are generated from
 * the OpenAPI document; a route or schema changed without `npm run
 * api:generate` leaves the app typed against an API that is not there.
 */
describe('web app API types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('match what the backend serves at /docs-json now (else run npm run api:generate)', async () => {
    const served = await t.http().get('/docs-json').expect(200);
    const committed = readFileSync(SCHEMA_PATH, 'utf8');
    expect(committed).toBe(schemaTypes(served.body));
  });
});
