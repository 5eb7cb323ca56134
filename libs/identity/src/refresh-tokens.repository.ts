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
   * Revokes every token of a family. Revokers of one family take turns (an
   * advisory lock for the transaction): several requests that present a
   * spent token at once each revoke the same rows, and two multi-row updates
   * of the same rows could lock them in different orders and deadlock (seen
   * as a 500 among five concurrent refreshes of one token, on a loaded machine).
   */
  async revokeFamily(em: EntityManager, familyId: string): Promise<number> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('kenes.refresh-family:' || $1, 0))`, [familyId]);
    const res = await em
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    return res.affected ?? 0;
  }
}
