import { Injectable, Logger } from '@nestjs/common';
import { Environment } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { PasswordService } from './password.service';
import { UsersRepository } from './users.repository';

/** Creates the platform admin from ADMIN_EMAIL / ADMIN_PASSWORD on a start where none exists. */
@Injectable()
export class AdminBootstrapService {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly env: Environment,
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
  ) {}

  async ensureAdmin(): Promise<void> {
    const email = this.env.ADMIN_EMAIL?.trim().toLowerCase();
    const password = this.env.ADMIN_PASSWORD;
    if (!email || !password) return;
    const passwordHash = await this.passwords.hash(password);
    await this.uow.run(async (tx) => {
      await this.users.lockAdminBootstrap(tx.em);
      if (await this.users.anyAdmin(tx.em)) return;
      const existing = await this.users.findByEmail(email, tx.em);
      if (existing) {
        await this.users.promoteToAdmin(tx.em, existing.id);
        await tx.audit({ councilId: null, actorUserId: null, action: 'user.promoted_admin', objectType: 'user', objectId: existing.id, after: { email, isAdmin: true } });
      } else {
        const u = await this.users.insert(tx.em, { email, passwordHash, fullName: 'Platform administrator', isAdmin: true });
        await tx.audit({ councilId: null, actorUserId: null, action: 'user.created', objectType: 'user', objectId: u.id, after: { email, fullName: u.fullName, isAdmin: true } });
      }
      this.logger.log(`platform admin ${email} is ready`);
    });
  }
}
