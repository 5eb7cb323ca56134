import fc from 'fast-check';
import { ALL_STAGES, itemProgress, nextStages, overdueFirst, PlanStage, rollup, rollupBy, RollupItem } from './rollup';

const item = (stage: PlanStage, progress: number | null = null, overdue = false, weight?: number): RollupItem => ({ stage, progress, overdue, ...(weight === undefined ? {} : { weight }) });

const arbItem = fc.record({
  stage: fc.constantFrom(...ALL_STAGES),
  progress: fc.option(fc.integer({ min: 0, max: 100 })),
  overdue: fc.boolean(),
  weight: fc.integer({ min: 1, max: 5 }),
  agency: fc.constantFrom('a', 'b', 'c'),
});

describe('progress rollup: examples', () => {
  it('counts an item in force as 100, an own figure over its stage’s, a stage’s figure otherwise', () => {
    expect(itemProgress(item('in_force', 10))).toBe(100);
    expect(itemProgress(item('drafting', 40))).toBe(40);
    expect(itemProgress(item('adopted'))).toBe(70);
    expect(itemProgress(item('planned'))).toBe(0);
  });

  it('gives the share in force and the mean progress of the items not cancelled', () => {
    const r = rollup([item('in_force'), item('drafting', 50), item('planned', null, true), item('cancelled')]);
    expect(r).toMatchObject({ items: 4, cancelled: 1, inForce: 1, overdue: 1, shareInForce: 1 / 3, progress: 50 });
    expect(r.byStage).toMatchObject({ in_force: 1, drafting: 1, planned: 1, cancelled: 1, signed: 0 });
  });

  it('weighs items by their weight', () => {
    expect(rollup([item('in_force', null, false, 3), item('planned', null, false, 1)]).progress).toBe(75);
  });

  it('has no figures for a group with no item or only cancelled ones', () => {
    expect(rollup([])).toMatchObject({ items: 0, shareInForce: null, progress: null });
    expect(rollup([item('cancelled'), item('cancelled')])).toMatchObject({ items: 2, cancelled: 2, shareInForce: null, progress: null });
  });

  it('groups by a key, items without one under null', () => {
    const m = rollupBy([{ ...item('in_force'), k: 'x' }, { ...item('planned'), k: null }, { ...item('drafting', 20), k: 'x' }], (i) => i.k);
    expect([...m.keys()]).toEqual(['x', null]);
    expect(m.get('x')).toMatchObject({ items: 2, inForce: 1, progress: 60 });
    expect(m.get(null)).toMatchObject({ items: 1, progress: 0 });
  });

  it('puts overdue items first, then by due date', () => {
    const list = [
      { title: 'b', dueOn: '2026-01-02', overdue: false },
      { title: 'a', dueOn: '2026-05-01', overdue: true },
      { title: 'c', dueOn: '2026-01-01', overdue: false },
    ];
    expect(overdueFirst(list).map((i) => i.title)).toEqual(['a', 'c', 'b']);
  });

  it('offers only forward stages and cancelled, nothing after in force or cancelled', () => {
    expect(nextStages('adopted')).toEqual(['signed', 'in_force', 'cancelled']);
    expect(nextStages('planned')).toHaveLength(7);
    expect(nextStages('in_force')).toEqual([]);
    expect(nextStages('cancelled')).toEqual([]);
  });
});

describe('progress rollup: invariants', () => {
  it('keeps share and progress in range, progress never below the share in force (unit weights)', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 40 }), (items) => {
        const r = rollup(items.map(({ weight: _w, ...i }) => i));
        if (r.shareInForce !== null) {
          expect(r.shareInForce).toBeGreaterThanOrEqual(0);
          expect(r.shareInForce).toBeLessThanOrEqual(1);
          expect(r.progress!).toBeGreaterThanOrEqual(r.shareInForce * 100 - 1e-9);
        }
        if (r.progress !== null) {
          expect(r.progress).toBeGreaterThanOrEqual(0);
          expect(r.progress).toBeLessThanOrEqual(100);
        }
        expect(Object.values(r.byStage).reduce((a, b) => a + b, 0)).toBe(items.length);
      }),
    );
  });

  it('is not changed by cancelled items, nor by the order of the items', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 30 }), fc.array(arbItem, { maxLength: 5 }), (items, extra) => {
        const base = rollup(items);
        const withCancelled = rollup([...items, ...extra.map((e) => ({ ...e, stage: 'cancelled' as const, overdue: false }))]);
        expect(withCancelled.shareInForce).toBe(base.shareInForce);
        if (base.progress === null) expect(withCancelled.progress).toBeNull();
        else expect(withCancelled.progress).toBeCloseTo(base.progress, 9);
        const reversed = rollup([...items].reverse());
        expect(reversed.inForce).toBe(base.inForce);
        if (base.progress !== null) expect(reversed.progress).toBeCloseTo(base.progress, 9);
      }),
    );
  });

  it('rolls up the groups into the whole: counts add up, and the whole’s progress is the groups’ mean weighted by their live weight', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { minLength: 1, maxLength: 40 }), (items) => {
        const whole = rollup(items);
        const groups = rollupBy(items, (i) => i.agency);
        let count = 0;
        let inForce = 0;
        let weight = 0;
        let weighted = 0;
        for (const [k, r] of groups) {
          count += r.items;
          inForce += r.inForce;
          const w = items.filter((i) => i.agency === k && i.stage !== 'cancelled').reduce((a, i) => a + i.weight, 0);
          weight += w;
          weighted += w * (r.progress ?? 0);
        }
        expect(count).toBe(whole.items);
        expect(inForce).toBe(whole.inForce);
        if (weight > 0) expect(whole.progress).toBeCloseTo(weighted / weight, 9);
        else expect(whole.progress).toBeNull();
      }),
    );
  });

  it('reaches 100 and a share of 1 exactly when every item not cancelled is in force', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { minLength: 1, maxLength: 30 }), (items) => {
        const r = rollup(items);
        const live = items.filter((i) => i.stage !== 'cancelled');
        const all = live.length > 0 && live.every((i) => i.stage === 'in_force');
        expect(r.shareInForce === 1).toBe(all);
        if (all) expect(r.progress).toBe(100);
      }),
    );
  });
});
