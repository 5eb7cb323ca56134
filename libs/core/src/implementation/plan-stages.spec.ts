import fc from 'fast-check';
import { ALL_PLAN_STAGES, isOverdue, PLAN_STAGES, PlanStage, proposalImplemented, stageMove } from './plan-stages';

const order = (s: PlanStage) => (s === 'cancelled' ? -1 : PLAN_STAGES.indexOf(s));

describe('plan item stages', () => {
  it.each([
    ['planned', 'drafting', true],
    ['planned', 'in_force', true],
    ['submitted', 'signed', true],
    ['drafting', 'cancelled', true],
    ['signed', 'drafting', false],
    ['adopted', 'adopted', false],
    ['in_force', 'cancelled', false],
    ['cancelled', 'planned', false],
    ['in_force', 'in_force', false],
  ] as [PlanStage, PlanStage, boolean][])('%s → %s allowed: %s', (from, to, ok) => {
    expect(stageMove(from, to).ok).toBe(ok);
  });

  it('names the reason of a refusal', () => {
    expect(stageMove('in_force', 'signed')).toEqual({ ok: false, reason: 'final' });
    expect(stageMove('cancelled', 'signed')).toEqual({ ok: false, reason: 'final' });
    expect(stageMove('signed', 'submitted')).toEqual({ ok: false, reason: 'backward' });
    expect(stageMove('signed', 'signed')).toEqual({ ok: false, reason: 'same' });
  });

  it('allows exactly the forward moves and cancellation from a stage that is not final (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_PLAN_STAGES), fc.constantFrom(...ALL_PLAN_STAGES), (from, to) => {
        const final = from === 'in_force' || from === 'cancelled';
        const expected = !final && (to === 'cancelled' || order(to) > order(from));
        expect(stageMove(from, to).ok).toBe(expected);
      }),
    );
  });

  it('reaches in_force from planned by any increasing path, and never leaves it (property)', () => {
    fc.assert(
      fc.property(fc.subarray([...PLAN_STAGES.slice(1)], { minLength: 1 }), (path) => {
        let at: PlanStage = 'planned';
        for (const next of path) {
          expect(stageMove(at, next).ok).toBe(true);
          at = next;
        }
        if (at === 'in_force') for (const s of ALL_PLAN_STAGES) expect(stageMove(at, s).ok).toBe(false);
      }),
    );
  });

  it('is overdue only past the due date and while neither in force nor cancelled', () => {
    expect(isOverdue({ dueOn: '2026-01-01', stage: 'drafting' }, '2026-01-02')).toBe(true);
    expect(isOverdue({ dueOn: '2026-01-02', stage: 'drafting' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ dueOn: '2026-01-01', stage: 'in_force' }, '2026-06-01')).toBe(false);
    expect(isOverdue({ dueOn: '2026-01-01', stage: 'cancelled' }, '2026-06-01')).toBe(false);
  });

  it('calls a proposal implemented when every item not cancelled is in force', () => {
    expect(proposalImplemented(['in_force', 'cancelled'])).toBe(true);
    expect(proposalImplemented(['in_force', 'signed'])).toBe(false);
    expect(proposalImplemented(['cancelled'])).toBe(false);
    expect(proposalImplemented([])).toBe(false);
  });
});
