import type { Response } from 'supertest';

/** The fields a 400 problem names. */
export const fieldsOf = (res: Response): string[] => ((res.body?.errors ?? []) as { field: string }[]).map((e) => e.field);

/**
 * Asserts an RFC 9457 problem with the status (the body is printed on a
 * mismatch) and, for a 400, that `errors` names at least the given fields.
 */
export function expectProblem(res: Response, status: number, fields: string[] = []): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status } });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (status === 400) {
    expect(Array.isArray(res.body.errors)).toBe(true);
    expect(fieldsOf(res)).toEqual(expect.arrayContaining(fields));
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
