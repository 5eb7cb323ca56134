import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { AuditContent, ChainVerifier, Json, GENESIS_HASH, SealedAuditEntry, auditHash, canonicalJson, sealEntries, verifyChain } from './audit-chain';

type Draft = Omit<AuditContent, 'chainSeq' | 'prevHash'>;
const HEX64 = /^[0-9a-f]{64}$/;

const draft = (i: number, extra: Partial<Draft> = {}): Draft => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  councilId: 'c1',
  actorUserId: 'u1',
  action: 'membership.create',
  objectType: 'membership',
  objectId: `m${i}`,
  summary: { n: i },
  createdAt: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
  ...extra,
});

describe('canonicalJson', () => {
  it('sorts keys, so key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('sorts keys at every depth, including objects inside arrays', () => {
    expect(canonicalJson({ z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null })).toBe('{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}');
  });

  it('sorts integer-like keys as strings, unlike JavaScript property order', () => {
    expect(canonicalJson({ 9: 'a', 10: 'b', x: 'c' })).toBe('{"10":"b","9":"a","x":"c"}');
  });

  it('keeps the order of arrays', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it('drops keys whose value is undefined, but keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null, c: 1 })).toBe('{"b":null,"c":1}');
    expect(canonicalJson({ a: undefined })).toBe(canonicalJson({}));
  });

  it('writes undefined inside an array, and at the top, as null', () => {
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('writes scalars as JSON', () => {
    expect(canonicalJson('a"b\\c\n')).toBe(JSON.stringify('a"b\\c\n'));
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(-1.5)).toBe('-1.5');
    expect(canonicalJson(null)).toBe('null');
  });

  it('writes non-finite numbers as null and a Date as its ISO string', () => {
    expect(canonicalJson([NaN, Infinity, -Infinity])).toBe('[null,null,null]');
    expect(canonicalJson({ at: new Date(Date.UTC(2024, 1, 29, 12)) })).toBe('{"at":"2024-02-29T12:00:00.000Z"}');
  });

  it('keeps strings and numbers apart', () => {
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
  });

  it('produces JSON with the same data as JSON.stringify (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)))));
  });

  it('does not depend on the insertion order of keys at any depth (property)', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]))
          : v;
    fc.assert(fc.property(fc.jsonValue(), (v) => expect(canonicalJson(reversed(v))).toBe(canonicalJson(v))));
  });
});

describe('auditHash', () => {
  it('is the SHA-256 of the canonical JSON of the covered fields (pinned format)', () => {
    const content: AuditContent = { ...draft(1), chainSeq: 1, prevHash: GENESIS_HASH };
    const text =
      '{"action":"membership.create","actorUserId":"u1","chainSeq":1,"councilId":"c1",' +
      '"createdAt":"2024-01-01T00:00:01.000Z","id":"00000000-0000-4000-8000-000000000001",' +
      `"objectId":"m1","objectType":"membership","prevHash":"${GENESIS_HASH}","summary":{"n":1}}`;
    expect(auditHash(content)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('ignores fields that are not covered (such as a stored hash or extra columns)', () => {
    const content: AuditContent = { ...draft(1), chainSeq: 1, prevHash: GENESIS_HASH };
    const withExtras = { ...content, hash: 'x', rowVersion: 7 } as AuditContent;
    expect(auditHash(withExtras)).toBe(auditHash(content));
  });
});

describe('sealEntries', () => {
  it('gives nothing for no entries', () => {
    expect(sealEntries(null, [])).toEqual([]);
  });

  it('starts a new chain at seq 1 with GENESIS_HASH as prevHash', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    const [first] = sealEntries(null, [draft(1)]);
    expect(first.chainSeq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(auditHash(first));
  });

  it('links each entry to its predecessor, numbers them in order and keeps the content', () => {
    const drafts = [draft(1), draft(2), draft(3, { councilId: null, actorUserId: null, objectId: null })];
    const sealed = sealEntries(null, drafts);
    sealed.forEach((e, i) => {
      expect(e).toMatchObject(drafts[i]);
      expect(e.chainSeq).toBe(i + 1);
      expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : sealed[i - 1].hash);
      expect(e.hash).toMatch(HEX64);
    });
  });

  it('continues from a head', () => {
    const [e] = sealEntries({ chainSeq: 41, hash: 'a'.repeat(64) }, [draft(1)]);
    expect(e.chainSeq).toBe(42);
    expect(e.prevHash).toBe('a'.repeat(64));
  });

  it('does not modify the drafts it is given', () => {
    const d = draft(1);
    const copy = structuredClone(d);
    sealEntries(null, [d]);
    expect(d).toEqual(copy);
  });
});

// ---- chains for properties --------------------------------------------------------------

const nullableText = fc.option(fc.string({ maxLength: 12 }), { nil: null });
const genDrafts = (minLength: number) =>
  fc
    .array(
      fc.record({
        councilId: nullableText,
        actorUserId: nullableText,
        action: fc.string({ maxLength: 12 }),
        objectType: fc.string({ maxLength: 12 }),
        objectId: nullableText,
        summary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
        createdAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      }),
      { minLength, maxLength: 12 },
    )
    .map((rs) => rs.map((r, i) => ({ id: `e${i}`, ...r })));

/** One field of an entry, changed to a value that differs in the canonical form. */
const FIELDS = ['id', 'chainSeq', 'councilId', 'actorUserId', 'action', 'objectType', 'objectId', 'summary', 'createdAt', 'prevHash', 'hash'] as const;
function tamper(e: SealedAuditEntry, field: (typeof FIELDS)[number], delta: number): SealedAuditEntry {
  const flipLast = (h: string) => h.slice(0, -1) + (h.endsWith('0') ? '1' : '0');
  switch (field) {
    case 'chainSeq':
      return { ...e, chainSeq: e.chainSeq + delta };
    case 'summary':
      return { ...e, summary: { tampered: e.summary } };
    case 'prevHash':
    case 'hash':
      return { ...e, [field]: flipLast(e[field]) };
    default:
      return { ...e, [field]: `${e[field] ?? ''}!` };
  }
}

describe('verifyChain', () => {
  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true, entries: 0 });
  });

  it('accepts a sealed chain and counts its entries; every hash is 64 lowercase hex (property)', () => {
    fc.assert(
      fc.property(genDrafts(0), (drafts) => {
        const sealed = sealEntries(null, drafts);
        expect(verifyChain(sealed)).toEqual({ ok: true, entries: drafts.length });
        for (const e of sealed) expect(e.hash).toMatch(HEX64);
        if (sealed.length > 0) expect(sealed[0].prevHash).toBe(GENESIS_HASH);
      }),
    );
  });

  it('names exactly the entry whose field was tampered with (property)', () => {
    const scenario = genDrafts(1).chain((drafts) =>
      fc.tuple(fc.constant(drafts), fc.nat({ max: drafts.length - 1 }), fc.constantFrom(...FIELDS), fc.constantFrom(-2, -1, 1, 2, 1000)),
    );
    fc.assert(
      fc.property(scenario, ([drafts, i, field, delta]) => {
        const chain = sealEntries(null, drafts);
        chain[i] = tamper(chain[i], field, delta);
        expect(verifyChain(chain)).toEqual({ ok: false, entries: chain.length, firstBrokenAt: chain[i].id });
      }),
    );
  });

  it('names the entry after the gap when one is deleted from the middle (property)', () => {
    const scenario = genDrafts(3).chain((drafts) => fc.tuple(fc.constant(drafts), fc.integer({ min: 1, max: drafts.length - 2 })));
    fc.assert(
      fc.property(scenario, ([drafts, k]) => {
        const sealed = sealEntries(null, drafts);
        const chain = sealed.filter((_, i) => i !== k);
        expect(verifyChain(chain)).toEqual({ ok: false, entries: sealed.length - 1, firstBrokenAt: sealed[k + 1].id });
      }),
    );
  });

  it('names the new first entry when the first one is deleted', () => {
    const sealed = sealEntries(null, [draft(1), draft(2), draft(3)]);
    expect(verifyChain(sealed.slice(1))).toEqual({ ok: false, entries: 2, firstBrokenAt: sealed[1].id });
  });

  it('cannot see a truncated tail on its own (the head must be checked elsewhere)', () => {
    const sealed = sealEntries(null, [draft(1), draft(2), draft(3)]);
    expect(verifyChain(sealed.slice(0, 2))).toEqual({ ok: true, entries: 2 });
  });

  it('detects two swapped entries, naming the one moved forward (property)', () => {
    const scenario = genDrafts(2).chain((drafts) =>
      fc.tuple(fc.constant(drafts), fc.uniqueArray(fc.nat({ max: drafts.length - 1 }), { minLength: 2, maxLength: 2 })),
    );
    fc.assert(
      fc.property(scenario, ([drafts, pair]) => {
        const [i, j] = [Math.min(...pair), Math.max(...pair)];
        const sealed = sealEntries(null, drafts);
        const chain = [...sealed];
        [chain[i], chain[j]] = [chain[j], chain[i]];
        expect(verifyChain(chain)).toEqual({ ok: false, entries: sealed.length, firstBrokenAt: sealed[j].id });
      }),
    );
  });

  it('refuses a chain whose first entry does not start from genesis', () => {
    const first = sealEntries(null, [draft(1), draft(2)]);
    const later = sealEntries({ chainSeq: 2, hash: first[1].hash }, [draft(3)]);
    expect(verifyChain(later)).toEqual({ ok: false, entries: 1, firstBrokenAt: later[0].id });
  });

  it('names the next entry when one is rewritten with a recomputed hash', () => {
    const sealed = sealEntries(null, [draft(1), draft(2), draft(3)]);
    const forged = { ...sealed[1], summary: { n: 999 } };
    const chain = [sealed[0], { ...forged, hash: auditHash(forged) }, sealed[2]];
    expect(verifyChain(chain)).toEqual({ ok: false, entries: 3, firstBrokenAt: sealed[2].id });
  });

  it('names a self-consistent entry that points at the wrong predecessor', () => {
    const sealed = sealEntries(null, [draft(1), draft(2)]);
    const [stray] = sealEntries({ chainSeq: 2, hash: 'f'.repeat(64) }, [draft(3)]);
    expect(verifyChain([...sealed, stray])).toEqual({ ok: false, entries: 3, firstBrokenAt: stray.id });
  });

  it('names the first entry after a gap in chainSeq, even when it links to the right hash', () => {
    const first = sealEntries(null, [draft(1), draft(2)]);
    const [skipped] = sealEntries({ chainSeq: 3, hash: first[1].hash }, [draft(3)]);
    expect(skipped.chainSeq).toBe(4);
    expect(verifyChain([...first, skipped])).toEqual({ ok: false, entries: 3, firstBrokenAt: skipped.id });
  });

  it('accepts entries that carry extra fields (stored rows)', () => {
    const rows = sealEntries(null, [draft(1), draft(2)]).map((e) => ({ ...e, ingestedBy: 'x' }));
    expect(verifyChain(rows)).toEqual({ ok: true, entries: 2 });
  });
});

describe('sealing in batches', () => {
  it('sealing in two batches, continuing from the head of the first, equals sealing all at once (property)', () => {
    fc.assert(
      fc.property(genDrafts(0), genDrafts(0), (a, b) => {
        const bb = b.map((d, i) => ({ ...d, id: `f${i}` }));
        const first = sealEntries(null, a);
        const last = first[first.length - 1];
        const second = sealEntries(last ? { chainSeq: last.chainSeq, hash: last.hash } : null, bb);
        expect([...first, ...second]).toEqual(sealEntries(null, [...a, ...bb]));
        expect(verifyChain([...first, ...second])).toEqual({ ok: true, entries: a.length + b.length });
      }),
    );
  });

  it('ChainVerifier fed page by page gives the same result as verifyChain (property)', () => {
    const scenario = genDrafts(1).chain((drafts) =>
      fc.tuple(fc.constant(drafts), fc.nat({ max: drafts.length - 1 }), fc.constantFrom(...FIELDS), fc.boolean(), fc.integer({ min: 1, max: 5 })),
    );
    fc.assert(
      fc.property(scenario, ([drafts, i, field, doTamper, pageSize]) => {
        const chain = sealEntries(null, drafts);
        if (doTamper) chain[i] = tamper(chain[i], field, 1);
        const v = new ChainVerifier();
        for (let p = 0; p < chain.length; p += pageSize) for (const e of chain.slice(p, p + pageSize)) v.add(e);
        expect(v.result()).toEqual(verifyChain(chain));
        expect(v.result().ok).toBe(!doTamper);
      }),
    );
  });
});
