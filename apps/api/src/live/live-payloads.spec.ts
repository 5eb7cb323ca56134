import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { JoinPayload, plainJoinPayload } from './live-payloads';

/** What class-validator makes of a payload, as parsePayload asks it (whitelist, unknown fields refused). */
async function viaClassValidator(payload: unknown): Promise<JoinPayload | null> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const instance = plainToInstance(JoinPayload, payload);
  return (await validate(instance, { whitelist: true, forbidNonWhitelisted: true })).length ? null : instance;
}

const uuid = fc.uuid();
const afterSeq = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: -5, max: 1e9 }), fc.double(), fc.string(), fc.constant('3'));
const payloads = fc.oneof(
  fc.record({ sessionId: uuid, afterSeq }, { requiredKeys: ['sessionId'] }),
  fc.record({ sessionId: fc.oneof(uuid, fc.string(), fc.integer(), fc.constant(null)), afterSeq, extra: fc.anything() }, { requiredKeys: [] }),
  fc.anything(),
);

describe('plainJoinPayload', () => {
  it('accepts only what class-validator accepts, and gives the same payload', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const quick = plainJoinPayload(payload);
        if (quick === null) return;
        const slow = await viaClassValidator(payload);
        expect(slow).not.toBeNull();
        expect(quick).toBeInstanceOf(JoinPayload);
        expect({ ...quick }).toEqual({ ...slow });
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the payloads a hall sends', () => {
    const sessionId = '8b0a2f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(plainJoinPayload({ sessionId })).toEqual(Object.assign(new JoinPayload(), { sessionId }));
    expect(plainJoinPayload({ sessionId, afterSeq: 12 })).toEqual(Object.assign(new JoinPayload(), { sessionId, afterSeq: 12 }));
    for (const bad of [{ sessionId, afterSeq: -1 }, { sessionId, afterSeq: 1.5 }, { sessionId, afterSeq: '3' }, { sessionId: 'nope' }, { sessionId, more: 1 }, [sessionId], null, 'x']) {
      expect(plainJoinPayload(bad)).toBeNull();
    }
  });
});
