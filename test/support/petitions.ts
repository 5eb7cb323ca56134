import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from './test-app';
import { API, bearer, Session } from './factories';

export interface PetitionBody {
  id: string;
  councilId: string;
  createdAt: string;
  title: string;
  summary: string;
  body: string;
  authorName: string;
  status: string;
  signatures: number;
  agendaThreshold: number;
  responseThreshold: number | null;
  closesAt: string | null;
  proposalId: string | null;
  responseDueOn: string | null;
  response: string | null;
  resolution: string | null;
}

/** A PEM file holding the given CA certificates (PETITION_TRUST_ANCHORS). */
export function anchorsFile(...pems: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kenes-anchors-')), 'anchors.pem');
  writeFileSync(file, pems.join('\n'));
  return file;
}

export async function enablePetitions(t: TestApp, by: Session, councilId: string, settings: Record<string, unknown>) {
  const res = await t.http().patch(`${API}/councils/${councilId}`).set(bearer(by)).send({ petitions: { enabled: true, signatureDays: 30, responseDays: 60, verification: ['email'], ...settings } });
  if (res.status !== 200) throw new Error(`enable petitions: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let n = 0;

/** A petition submitted anonymously and published by the secretariat. */
export async function openPetition(t: TestApp, secretariat: Session, councilId: string, text: Partial<Record<'title' | 'summary' | 'body' | 'authorName' | 'authorEmail', string>> = {}): Promise<PetitionBody> {
  n++;
  const submitted = await t
    .http()
    .post(`${API}/councils/${councilId}/petitions`)
    .send({ title: `Petition ${n} ${Date.now()}`, summary: 'More benches in parks.', body: 'Every park gets ten benches.', authorName: 'Aigerim Nurlanova', authorEmail: 'aigerim.author@example.kz', ...text });
  if (submitted.status !== 201) throw new Error(`submit petition: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const published = await t.http().post(`${API}/petitions/${submitted.body.id}/moderation`).set(bearer(secretariat)).send({ decision: 'publish' });
  if (published.status !== 200) throw new Error(`publish petition: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body as PetitionBody;
}

export const signByEmail = (t: TestApp, petitionId: string, body: Record<string, unknown>) => t.http().post(`${API}/petitions/${petitionId}/signatures`).send({ method: 'email', ...body });

export const confirm = (t: TestApp, token: string) => t.http().post(`${API}/signature-confirmations`).send({ token });

export async function petitionOf(t: TestApp, id: string, by?: Session): Promise<PetitionBody> {
  const req = t.http().get(`${API}/petitions/${id}`);
  const res = await (by ? req.set(bearer(by)) : req);
  if (res.status !== 200) throw new Error(`get petition: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PetitionBody;
}
