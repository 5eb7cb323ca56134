import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { bearer, loginAdmin, Session } from '../support/factories';

interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  $ref?: string;
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Every JSON body the served document declares, with the text fields of its schema. */
function textFieldsOfEveryBody(doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }) {
  const out: { method: string; path: string; field: string }[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const ref = op?.requestBody?.content?.['application/json']?.schema?.$ref;
      if (!ref) continue;
      const schema = doc.components.schemas[ref.split('/').pop() as string];
      for (const [field, prop] of Object.entries(schema.properties ?? {})) {
        const types = Array.isArray(prop.type) ? prop.type : [prop.type];
        if (types.includes('string') && !prop.enum) out.push({ method, path: template.replace(/\{[^}]+\}/g, () => randomUUID()), field });
      }
    }
  }
  return out;
}

describe('every text field of every body', () => {
  let t: TestApp;
  let admin: Session;
  let fields: ReturnType<typeof textFieldsOfEveryBody>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    fields = textFieldsOfEveryBody((await t.http().get('/docs-json').expect(200)).body);
  });
  afterAll(() => t.close());

  const send = (f: { method: string; path: string; field: string }, value: string) =>
    (t.http() as unknown as Record<string, (p: string) => ReturnType<ReturnType<TestApp['http']>['post']>>)[f.method](f.path).set(bearer(admin)).send({ [f.field]: value });
  const namesField = (res: { body: { errors?: { field: string }[] } }, field: string) => (res.body.errors ?? []).some((e) => e.field === field);

  it('finds the bodies to try (the document declares them)', () => {
    expect(fields.length).toBeGreaterThan(40);
    expect(fields).toContainEqual(expect.objectContaining({ method: 'post', field: 'question' }));
  });

  it('answers a lone surrogate in any text field with a 400 naming that field, never a 500', async () => {
    for (const f of fields) {
      const res = await send(f, 'x\ud800y');
      expect({ ...f, status: res.status }).toEqual({ ...f, status: 400 });
      expect({ ...f, named: namesField(res, f.field) }).toEqual({ ...f, named: true });
    }
  });

  it('treats white space like nothing wherever nothing is refused (a title of three spaces is no title)', async () => {
    let refused = 0;
    for (const f of fields) {
      const empty = await send(f, '');
      expect(empty.status).not.toBe(500);
      if (empty.status !== 400 || !namesField(empty, f.field)) continue;
      refused++;
      const blank = await send(f, ' \t\n ');
      expect({ ...f, status: blank.status, named: namesField(blank, f.field) }).toEqual({ ...f, status: 400, named: true });
    }
    expect(refused).toBeGreaterThan(15);
  });
});
