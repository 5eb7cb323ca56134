import fc from 'fast-check';
import {
  isFinalPetitionStatus,
  isPublished,
  nextPetitionStatus,
  PETITION_STATUSES,
  PetitionEvent,
  petitionEventsFrom,
  PetitionStatus,
  takesResponse,
  takesSignatures,
} from './petition-states';

const EVENTS: PetitionEvent[] = ['publish', 'reject', 'agenda_threshold_reached', 'signing_period_ended', 'withdraw', 'chair_decision'];

describe('petition states', () => {
  it('allows exactly the moves of API.md', () => {
    const allowed: Record<string, string> = {};
    for (const s of PETITION_STATUSES) for (const e of EVENTS) {
      const to = nextPetitionStatus(s, e);
      if (to) allowed[`${s}:${e}`] = to;
    }
    expect(allowed).toEqual({
      'submitted:publish': 'open',
      'submitted:reject': 'rejected',
      'open:agenda_threshold_reached': 'referred',
      'open:signing_period_ended': 'expired',
      'open:withdraw': 'withdrawn',
      'referred:chair_decision': 'answered',
    });
  });

  it('has final states that nothing leaves', () => {
    expect(PETITION_STATUSES.filter(isFinalPetitionStatus)).toEqual(['rejected', 'expired', 'withdrawn', 'answered']);
    expect(petitionEventsFrom('open').sort()).toEqual(['agenda_threshold_reached', 'signing_period_ended', 'withdraw']);
  });

  it('publishes everything from open on, and takes signatures only while open', () => {
    expect(PETITION_STATUSES.filter(isPublished)).toEqual(['open', 'referred', 'expired', 'withdrawn', 'answered']);
    expect(PETITION_STATUSES.filter(takesSignatures)).toEqual(['open']);
    expect(takesResponse('submitted')).toBe(false);
    expect(takesResponse('rejected')).toBe(false);
    expect(takesResponse('referred')).toBe(true);
  });

  it('never returns to submitted, never unpublishes, and ends within three moves whatever happens', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 30 }), (events) => {
        let s: PetitionStatus = 'submitted';
        let moves = 0;
        for (const e of events) {
          const to = nextPetitionStatus(s, e);
          if (!to) continue;
          expect(to).not.toBe('submitted');
          if (isPublished(s)) expect(isPublished(to)).toBe(true);
          s = to;
          moves++;
        }
        expect(moves).toBeLessThanOrEqual(3);
        if (moves === 3) expect(s).toBe('answered');
      }),
    );
  });
});
