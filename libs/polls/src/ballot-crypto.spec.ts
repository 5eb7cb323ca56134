import { createCipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { CHOICES } from '@kenes/core';
import { BallotCrypto, BallotIntegrityError, receiptHash } from './ballot-crypto';

const KEY = 'k'.repeat(40);
const crypto = new BallotCrypto(KEY);

describe('BallotCrypto', () => {
  const poll = randomUUID();

  it('opens what it sealed, for every choice, and every sealed choice has one length', () => {
    const lengths = new Set<number>();
    for (const choice of CHOICES) {
      const slot = randomUUID();
      const sealed = crypto.seal(poll, slot, choice);
      lengths.add(sealed.length);
      expect(sealed).not.toContain(choice);
      expect(crypto.open(poll, slot, sealed)).toBe(choice);
    }
    expect(lengths.size).toBe(1);
  });

  it('seals the same choice differently every time', () => {
    const slot = randomUUID();
    expect(crypto.seal(poll, slot, 'for')).not.toBe(crypto.seal(poll, slot, 'for'));
  });

  it('does not open a choice moved to another slot or poll, altered, or sealed under another key', () => {
    const slot = randomUUID();
    const sealed = crypto.seal(poll, slot, 'against');
    expect(() => crypto.open(poll, randomUUID(), sealed)).toThrow(BallotIntegrityError);
    expect(() => crypto.open(randomUUID(), slot, sealed)).toThrow(BallotIntegrityError);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => crypto.open(poll, slot, flipped)).toThrow(BallotIntegrityError);
    expect(() => crypto.open(poll, slot, `${sealed}AAAA`)).toThrow(BallotIntegrityError);
    expect(() => new BallotCrypto('z'.repeat(40)).open(poll, slot, sealed)).toThrow(BallotIntegrityError);
    expect(() => crypto.open(poll, slot, 'plain')).toThrow(BallotIntegrityError);
  });

  it('refuses a key shorter than 32 characters and a choice that is none', () => {
    expect(() => new BallotCrypto('short')).toThrow(/32/);
    expect(() => crypto.seal(poll, randomUUID(), 'maybe' as never)).toThrow(RangeError);
  });

  it('binds a receipt to the voter it was issued to', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.uuid(), fc.option(fc.string({ minLength: 1 }), { nil: null }), (p, voter, other, key) => {
        fc.pre(voter !== other);
        const receipt = crypto.newReceipt(p, voter, key);
        expect(crypto.receiptBelongsTo(p, voter, receipt)).toBe(true);
        expect(crypto.receiptBelongsTo(p, other, receipt)).toBe(false);
        expect(crypto.receiptBelongsTo(randomUUID(), voter, receipt)).toBe(false);
      }),
    );
    expect(crypto.receiptBelongsTo(poll, randomUUID(), `R${randomBytes(18).toString('base64url')}`)).toBe('unbound');
  });

  it('answers the same receipt for the same Idempotency-Key, and a fresh one without', () => {
    const voter = randomUUID();
    expect(crypto.newReceipt(poll, voter, 'k1')).toBe(crypto.newReceipt(poll, voter, 'k1'));
    expect(crypto.newReceipt(poll, voter, 'k1')).not.toBe(crypto.newReceipt(poll, voter, 'k2'));
    expect(crypto.newReceipt(poll, voter, null)).not.toBe(crypto.newReceipt(poll, voter, null));
    expect(new BallotCrypto('z'.repeat(40)).newReceipt(poll, voter, 'k1')).not.toBe(crypto.newReceipt(poll, voter, 'k1'));
  });

  it('keeps an Idempotency-Key only as a keyed hash', () => {
    const voter = randomUUID();
    const h = crypto.idempotencyHash(poll, voter, 'key-1');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toBe(receiptHash('key-1'));
    expect(new BallotCrypto('z'.repeat(40)).idempotencyHash(poll, voter, 'key-1')).not.toBe(h);
  });

  it('seals a poll with a digest that ignores order and changes with any choice or receipt', () => {
    const ballots = CHOICES.map((choice) => ({ receiptHash: receiptHash(randomUUID()), choice }));
    const d = crypto.sealDigest(poll, ballots);
    expect(crypto.sealDigest(poll, [...ballots].reverse())).toBe(d);
    expect(crypto.sealDigest(poll, [{ ...ballots[0], choice: 'against' }, ...ballots.slice(1)])).not.toBe(d);
    expect(crypto.sealDigest(poll, ballots.slice(1))).not.toBe(d);
    expect(crypto.sealDigest(randomUUID(), ballots)).not.toBe(d);
    expect(new BallotCrypto('z'.repeat(40)).sealDigest(poll, ballots)).not.toBe(d);
  });

  it('still reads a choice sealed before BALLOT_KEY (format v1, keyed from JWT_SECRET) for a legacy poll only, and only with that secret', () => {
    const jwtSecret = 'j'.repeat(40);
    const key = Buffer.from(hkdfSync('sha256', jwtSecret, 'kenes', 'kenes.secret-ballots', 32));
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update('abstain', 'utf8'), c.final()]);
    const legacy = `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
    expect(new BallotCrypto(KEY, jwtSecret).open(poll, randomUUID(), legacy, true)).toBe('abstain');
    expect(() => new BallotCrypto(KEY).open(poll, randomUUID(), legacy, true)).toThrow(BallotIntegrityError);
    expect(() => new BallotCrypto(KEY, 'q'.repeat(40)).open(poll, randomUUID(), legacy, true)).toThrow(BallotIntegrityError);
    // A poll opened under BALLOT_KEY never takes a v1 choice, whoever holds JWT_SECRET.
    expect(() => new BallotCrypto(KEY, jwtSecret).open(poll, randomUUID(), legacy)).toThrow(BallotIntegrityError);
  });
});
