import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RefreshTokenEntity } from './entities/refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, t: Partial<RefreshTokenEntity>): Promise<RefreshTokenEntity> {
    return em.save(RefreshTokenEntity, em.create(RefreshTokenEntity, t));
  }

  findById(id: string): Promise<RefreshTokenEntity | null> {
    return this.dataSource.getRepository(RefreshTokenEntity).findOneBy({ id });
  }

  /** Marks the token used if it still can be; false when another request used it first. */
  async consume(em: EntityManager, id: string): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()', { id })
      .execute();
    return res.affected === 1;
  }

  /**
   * Until the transaction ends, no other transaction works on this family's
   * tokens (an advisory lock; taking it again in the same transaction is
   * free). Concurrent refreshes of one token (one wins, the others revoke the
   * family) each update the same rows, the winner one of them, the others all
   * of them, and without turns they deadlocked: a 500 among five concurrent
   * refreshes, on a loaded machine, in consume as in revokeFamily.
   */
  async lockFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kenes.refresh-family:' || $1, 0))`, [familyId]);
  }

  /** Revokes every token of a family (in its turn: lockFamily). */
  async revokeFamily(em: EntityManager, familyId: string): Promise<number> {
    await this.lockFamily(em, familyId);
    const res = await em
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return res.affected ?? 0;
  }
}
