import fc from 'fast-check';
import { AGENCY_POSITIONS, CONSULTATION_ASPECTS, consultationStatus } from './consultation-status';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe('consultationStatus', () => {
  it('is open before the due date, without a response', () => {
    expect(consultationStatus({ answeredAt: null, dueAt: ms(NOW, 86_400_000) }, NOW)).toBe('open');
  });

  it('is open when due exactly now', () => {
    expect(consultationStatus({ answeredAt: null, dueAt: new Date(NOW.getTime()) }, NOW)).toBe('open');
  });

  it('is overdue one millisecond after the due date, without a response', () => {
    expect(consultationStatus({ answeredAt: null, dueAt: ms(NOW, -1) }, NOW)).toBe('overdue');
  });

  it('is overdue long after the due date', () => {
    expect(consultationStatus({ answeredAt: null, dueAt: new Date('2024-01-01T00:00:00Z') }, NOW)).toBe('overdue');
  });

  it('is answered once there is a final response, before the due date', () => {
    expect(consultationStatus({ answeredAt: ms(NOW, -1000), dueAt: ms(NOW, 86_400_000) }, NOW)).toBe('answered');
  });

  it('answered wins over overdue (an overdue consultation can still be answered)', () => {
    const dueAt = ms(NOW, -7 * 86_400_000);
    expect(consultationStatus({ answeredAt: ms(NOW, -1000), dueAt }, NOW)).toBe('answered');
  });

  it('compares instants, not clock readings in a time zone', () => {
    const dueAt = new Date('2025-03-10T17:00:00+05:00'); // 12:00Z, exactly now
    expect(consultationStatus({ answeredAt: null, dueAt }, NOW)).toBe('open');
    expect(consultationStatus({ answeredAt: null, dueAt }, ms(NOW, 1))).toBe('overdue');
  });

  it('does not mutate its arguments', () => {
    const c = { answeredAt: null, dueAt: ms(NOW, -5) };
    const now = new Date(NOW.getTime());
    consultationStatus(c, now);
    expect(c.dueAt.getTime()).toBe(NOW.getTime() - 5);
    expect(now.getTime()).toBe(NOW.getTime());
  });

  describe('properties', () => {
    const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });

    it('an answered consultation is answered whatever the dates', () => {
      fc.assert(
        fc.property(date, date, date, (answeredAt, dueAt, now) => {
          expect(consultationStatus({ answeredAt, dueAt }, now)).toBe('answered');
        }),
      );
    });

    it('an unanswered one is overdue exactly when its due date is strictly before now', () => {
      fc.assert(
        fc.property(date, date, (dueAt, now) => {
          expect(consultationStatus({ answeredAt: null, dueAt }, now)).toBe(dueAt.getTime() < now.getTime() ? 'overdue' : 'open');
        }),
      );
    });

    it('once overdue it stays overdue as time passes, until answered', () => {
      fc.assert(
        fc.property(date, fc.nat({ max: 10 ** 10 }), fc.nat({ max: 10 ** 10 }), (dueAt, a, b) => {
          const later = ms(dueAt, Math.min(a, b));
          const latest = ms(dueAt, Math.max(a, b));
          if (consultationStatus({ answeredAt: null, dueAt }, later) === 'overdue') {
            expect(consultationStatus({ answeredAt: null, dueAt }, latest)).toBe('overdue');
          }
          expect(consultationStatus({ answeredAt: null, dueAt }, ms(dueAt, -a))).toBe('open');
        }),
      );
    });
  });
});

describe('consultation vocabularies (SPEC.md, Consultation)', () => {
  it('aspects', () => {
    expect([...CONSULTATION_ASPECTS].sort()).toEqual(['economic', 'legal', 'organisational', 'other']);
  });

  it('positions', () => {
    expect([...AGENCY_POSITIONS].sort()).toEqual(['needs_information', 'objects', 'supports', 'supports_with_conditions']);
  });
});
