import { Injectable } from '@nestjs/common';
import { isPublished } from '@kenes/core';
import { AuthUser, DomainError, forbidden, notFound } from '@kenes/common';
import { AccessService } from '@kenes/councils';
import { CouncilEntity } from '@kenes/councils';
import { CouncilsRepository } from '@kenes/councils';
import { PetitionEntity } from './entities/petition.entity';
import { PetitionsRepository } from './petitions.repository';

export interface PetitionContext {
  petition: PetitionEntity;
  council: CouncilEntity;
  /** Whether the caller moderates and answers this council's petitions (its secretariat, or the admin). */
  moderates: boolean;
}

/**
 * Who reaches a petition: anyone once it is published; before that (and once
 * rejected) only its council's secretariat and the admin. Out of reach is 404.
 */
@Injectable()
export class PetitionAccessService {
  constructor(
    private readonly petitions: PetitionsRepository,
    private readonly councils: CouncilsRepository,
    private readonly access: AccessService,
  ) {}

  /** Whether the caller moderates the council's petitions; false for the public and for other members. */
  async moderates(user: AuthUser | undefined, councilId: string): Promise<boolean> {
    if (!user) return false;
    try {
      const ctx = await this.access.councilContext(user, councilId);
      return this.access.allows(ctx, 'petition.moderate');
    } catch (err) {
      if (err instanceof DomainError && err.status === 404) return false;
      throw err;
    }
  }

  async reach(user: AuthUser | undefined, petitionId: string): Promise<PetitionContext> {
    const petition = await this.petitions.findById(petitionId);
    if (!petition) throw notFound('Petition');
    const moderates = await this.moderates(user, petition.councilId);
    if (!isPublished(petition.status) && !moderates) throw notFound('Petition');
    const council = (await this.councils.findById(petition.councilId)) as CouncilEntity;
    return { petition, council, moderates };
  }

  /** The petition, once the caller may moderate it: 404 out of reach, 403 in reach without the role. */
  async requireModerator(user: AuthUser, petitionId: string): Promise<PetitionContext> {
    const pc = await this.reach(user, petitionId);
    if (!pc.moderates) throw forbidden("Only the council's secretariat moderates and answers petitions.");
    return pc;
  }

  /** A council set up for petitions (taking new ones or not: its published ones stay readable); 404 otherwise. */
  async councilTakingPetitionsEver(councilId: string): Promise<CouncilEntity> {
    const council = await this.councils.findById(councilId);
    if (!council?.petitions) throw notFound('Council');
    return council;
  }

  /** A council that takes petitions now; 404 otherwise (as if it did not exist). */
  async councilTakingPetitions(councilId: string): Promise<CouncilEntity> {
    const council = await this.councils.findById(councilId);
    if (!council?.petitions?.enabled) throw notFound('Council');
    return council;
  }
}
