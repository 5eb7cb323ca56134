import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@kenes/audit';
import { UsersRepository } from '@kenes/identity';
import { BalanceService } from '@kenes/rotation';
import { RotationService } from '@kenes/rotation';
import { DemoRepository } from './demo.repository';
import { DEMO_CANDIDATES, DEMO_ROTATION, DEMO_TARGETS } from './demo-council.data';

/** The first day of the month after `now`, as YYYY-MM-DD. */
export function firstOfNextMonth(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/**
 * The demo council's balance and rotation: its targets, a pool of candidates
 * and a proposed rotation (with its lottery) for the secretariat to read and
 * apply, through the same services the API uses.
 */
@Injectable()
export class DemoRotation {
  constructor(
    private readonly demo: DemoRepository,
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly balance: BalanceService,
    private readonly rotation: RotationService,
  ) {}

  async run(councilId: string, passwordHash: string): Promise<string> {
    const row = await this.demo.userByEmail('secretariat@kenes.example');
    if (!row) throw new Error('the demo secretariat is missing');
    const secretariat = { id: row.id, email: row.email, isAdmin: false };
    await this.balance.putTargets(secretariat, councilId, { seats: 40, targets: DEMO_TARGETS });
    for (const c of DEMO_CANDIDATES) {
      const user =
        (await this.users.findByEmail(c.email)) ??
        (await this.uow.run(async (tx) => {
          const u = await this.users.insert(tx.em, { email: c.email, fullName: c.fullName, passwordHash, isAdmin: false });
          await tx.audit({ councilId: null, actorUserId: null, action: 'user.created', objectType: 'user', objectId: u.id, after: { email: c.email, fullName: c.fullName }, details: { source: 'demo seed' } });
          return u;
        }));
      await this.rotation.addCandidate(secretariat, councilId, { userId: user.id, attributes: c.attributes, note: 'demo candidate' });
    }
    const plan = await this.rotation.createPlan(secretariat, councilId, {
      effectiveOn: firstOfNextMonth(new Date()),
      leave: DEMO_ROTATION.leave,
      lottery: { seed: DEMO_ROTATION.seed },
    });
    return plan.id;
  }
}
