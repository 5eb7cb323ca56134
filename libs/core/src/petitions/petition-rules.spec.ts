import fc from 'fast-check';
import { PETITION_STATUSES } from './petition-states';
import { closesAtOf, confirmationExpiresAt, effectOfSignature, petitionSettingsProblems, PetitionSettings, progressToward, responseDueOnOf, retryAfterSeconds, signingTextOf, windowStartOf } from './petition-rules';

const settings = (over: Partial<PetitionSettings> = {}): PetitionSettings => ({
  enabled: true,
  agendaThreshold: 100,
  responseThreshold: 10,
  signatureDays: 30,
  responseDays: 60,
  verification: ['email'],
  workingGroupId: '00000000-0000-4000-8000-000000000000',
  ...over,
});

describe('petition settings', () => {
  it('accepts consistent settings', () => {
    expect(petitionSettingsProblems(settings())).toEqual([]);
    expect(petitionSettingsProblems(settings({ responseThreshold: null }))).toEqual([]);
  });

  it('refuses a response threshold at or above the agenda threshold, and no method', () => {
    expect(petitionSettingsProblems(settings({ responseThreshold: 100 }))).toEqual([{ field: 'petitions.responseThreshold', message: 'must be below agendaThreshold' }]);
    expect(petitionSettingsProblems(settings({ verification: [] }))).toEqual([{ field: 'petitions.verification', message: 'must name at least one method' }]);
    expect(petitionSettingsProblems(settings({ verification: [], enabled: false }))).toEqual([]);
  });
});

describe('effect of a signature', () => {
  const t = { agendaThreshold: 5, responseThreshold: 2 };

  it('refers at the agenda threshold and sets the answer date at the response threshold, once each', () => {
    expect(effectOfSignature('open', 1, 2, t)).toEqual({ refer: false, responseDue: true });
    expect(effectOfSignature('open', 4, 5, t)).toEqual({ refer: true, responseDue: false });
    expect(effectOfSignature('open', 5, 6, t)).toEqual({ refer: false, responseDue: false });
    expect(effectOfSignature('open', 0, 1, { agendaThreshold: 1, responseThreshold: null })).toEqual({ refer: true, responseDue: false });
  });

  it('changes nothing unless the petition is open', () => {
    for (const s of PETITION_STATUSES.filter((x) => x !== 'open')) expect(effectOfSignature(s, 4, 5, t)).toEqual({ refer: false, responseDue: false });
  });

  it('over any run of signatures, each threshold is crossed by exactly one of them (when reached)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.option(fc.integer({ min: 1, max: 499 }), { nil: null }), fc.integer({ min: 0, max: 1000 }), (agenda, response, n) => {
        const th = { agendaThreshold: agenda, responseThreshold: response !== null && response < agenda ? response : null };
        let refers = 0;
        let dues = 0;
        for (let c = 0; c < n; c++) {
          const e = effectOfSignature('open', c, c + 1, th);
          refers += Number(e.refer);
          dues += Number(e.responseDue);
        }
        expect(refers).toBe(n >= agenda ? 1 : 0);
        expect(dues).toBe(th.responseThreshold !== null && n >= th.responseThreshold ? 1 : 0);
      }),
    );
  });

  it('reports progress between 0 and 1', () => {
    expect(progressToward(50, 100)).toBe(0.5);
    expect(progressToward(150, 100)).toBe(1);
    expect(progressToward(5, null)).toBeNull();
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 1 }), (c, t) => {
      const p = progressToward(c, t) as number;
      expect(p >= 0 && p <= 1).toBe(true);
    }));
  });
});

describe('dates', () => {
  it('closes signatureDays after publishing, confirms for 48 hours, answers responseDays later', () => {
    const at = new Date('2026-03-30T22:00:00Z');
    expect(closesAtOf(at, 30).toISOString()).toBe('2026-04-29T22:00:00.000Z');
    expect(confirmationExpiresAt(at).toISOString()).toBe('2026-04-01T22:00:00.000Z');
    expect(responseDueOnOf(at, 60)).toBe('2026-05-29');
  });
});

describe('signing text', () => {
  const p = { id: '11111111-1111-4111-8111-111111111111', title: 'Benches', summary: 'More benches.', body: 'In every park.' };

  it('names the petition and carries its text', () => {
    const text = signingTextOf(p);
    expect(text).toContain(`Petition: ${p.id}`);
    expect(text).toContain('Title: Benches');
    expect(text).toContain('More benches.');
    expect(text).toContain('In every park.');
  });

  it('differs for another petition or another text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(signingTextOf({ ...p, body: a })).not.toBe(signingTextOf({ ...p, body: b }));
      }),
    );
    expect(signingTextOf(p)).not.toBe(signingTextOf({ ...p, id: '22222222-2222-4222-8222-222222222222' }));
  });
});

describe('rate windows', () => {
  it('puts every instant in the window that holds it, and says how long until it ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 1000, max: 86_400_000 }), (t, w) => {
        const now = new Date(t);
        const start = windowStartOf(now, w).getTime();
        expect(start <= t && t < start + w).toBe(true);
        const after = retryAfterSeconds(now, w);
        expect(after).toBeGreaterThanOrEqual(1);
        expect(after).toBeLessThanOrEqual(Math.ceil(w / 1000));
      }),
    );
  });
});
