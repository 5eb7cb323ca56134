import { DomainEvents, Transaction } from '@kenes/audit';
import { SessionEvent, SessionEventsService } from './session-events.service';
import { SessionsRepository } from './sessions.repository';

const SESSION = '00000000-0000-4000-8000-000000000001';

/** A transaction whose append answers the given seq, and whose commit callbacks run when the test says. */
function fakeTx(seq: number) {
  const callbacks: (() => void)[] = [];
  const tx = {
    em: { seq },
    onCommit: (fn: () => void) => callbacks.push(fn),
  } as unknown as Transaction;
  return { tx, commit: () => callbacks.forEach((fn) => fn()) };
}

describe('SessionEventsService delivery order', () => {
  let service: SessionEventsService;
  let delivered: number[];

  beforeEach(() => {
    const repo = { appendEvent: async (em: { seq: number }) => ({ sessionId: SESSION, seq: em.seq, type: `t${em.seq}`, at: new Date(), actorUserId: null, payload: {} }) } as unknown as SessionsRepository;
    const bus = new DomainEvents();
    service = new SessionEventsService(repo, bus);
    delivered = [];
    bus.committed('session.logged', (e: SessionEvent) => delivered.push(e.seq));
  });
  afterEach(() => jest.useRealTimers());

  it('delivers in seq order when a later transaction reports its commit first', async () => {
    const a = fakeTx(1);
    const b = fakeTx(2);
    const c = fakeTx(3);
    await service.append(a.tx, SESSION, 'x', null, {});
    await service.append(b.tx, SESSION, 'x', null, {});
    await service.append(c.tx, SESSION, 'x', null, {});
    c.commit();
    b.commit();
    expect(delivered).toEqual([]);
    a.commit();
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('delivers at once when nothing lower is in flight', async () => {
    const a = fakeTx(7);
    await service.append(a.tx, SESSION, 'x', null, {});
    a.commit();
    expect(delivered).toEqual([7]);
  });

  it('does not wait for long on a lower seq whose transaction rolled back', async () => {
    jest.useFakeTimers();
    const rolledBack = fakeTx(4);
    const next = fakeTx(5);
    await service.append(rolledBack.tx, SESSION, 'x', null, {});
    await service.append(next.tx, SESSION, 'x', null, {});
    next.commit();
    expect(delivered).toEqual([]);
    jest.advanceTimersByTime(250);
    expect(delivered).toEqual([5]);
  });

  it('is not held longer by later commits while a rolled-back seq blocks', async () => {
    jest.useFakeTimers();
    await service.append(fakeTx(4).tx, SESSION, 'x', null, {});
    for (const seq of [5, 6, 7]) {
      const next = fakeTx(seq);
      await service.append(next.tx, SESSION, 'x', null, {});
      next.commit();
      jest.advanceTimersByTime(90);
    }
    expect(delivered).toEqual([5, 6, 7]);
  });

  it('keeps sessions apart', async () => {
    const a = fakeTx(1);
    const other = fakeTx(1);
    await service.append(a.tx, SESSION, 'x', null, {});
    await service.append(other.tx, '00000000-0000-4000-8000-000000000002', 'x', null, {});
    other.commit();
    expect(delivered).toEqual([1]);
    a.commit();
    expect(delivered).toEqual([1, 1]);
  });
});
