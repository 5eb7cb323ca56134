import { Inject, Injectable, Logger } from '@nestjs/common';
import { PetitionSettings } from '@kenes/core';
import { AuthUser } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { CouncilsService } from '@kenes/councils';
import { PETITION_SIGNATURE_VERIFIERS, PetitionSignatureVerifier } from '@kenes/petitions';
import { Mailer } from '@kenes/petitions';
import { PetitionsRepository } from '@kenes/petitions';
import { PetitionsService } from '@kenes/petitions';
import { ReferralService } from '@kenes/petitions';
import { SignerKeys } from '@kenes/petitions';
import { DemoRepository } from './demo.repository';

const REGIONS = ['Almaty', 'Astana', 'Shymkent', 'Karaganda', 'Almaty', 'Almaty', 'Pavlodar'];

/**
 * The demo council takes petitions: one that reached its agenda (a
 * recommended proposal in the social group, its answer due), and one still
 * open that a newcomer can sign (by email: without SMTP_URL the link lands in
 * .kenes/outbox/ and in the log), and one just submitted, awaiting moderation.
 */
@Injectable()
export class DemoPetitions {
  private readonly logger = new Logger(DemoPetitions.name);

  constructor(
    private readonly demo: DemoRepository,
    private readonly uow: UnitOfWork,
    private readonly councils: CouncilsService,
    private readonly petitions: PetitionsService,
    private readonly repo: PetitionsRepository,
    private readonly referral: ReferralService,
    private readonly keys: SignerKeys,
    private readonly mailer: Mailer,
    @Inject(PETITION_SIGNATURE_VERIFIERS) private readonly verifiers: PetitionSignatureVerifier[],
  ) {}

  async run(councilId: string): Promise<void> {
    const found = await this.demo.userByEmail('secretariat@kenes.example');
    if (!found) throw new Error('the demo secretariat is missing');
    const secretariat: AuthUser = { id: found.id, email: found.email, isAdmin: false };
    const group = await this.demo.groupByName(councilId, 'Social modernisation');
    // Only the methods this install can carry out: email needs mail, certificates need trust anchors.
    const verification: PetitionSettings['verification'] = [...(this.mailer.canSend ? (['email'] as const) : []), ...(this.verifiers.length ? (['certificate'] as const) : [])];
    await this.councils.update(secretariat, councilId, {
      petitions: { enabled: verification.length > 0, agendaThreshold: 25, responseThreshold: 10, signatureDays: 90, responseDays: 60, verification: verification.length ? verification : ['email'], workingGroupId: group.id },
    });

    const referred = await this.petitions.submit(undefined, councilId, {
      title: 'Clean air for Almaty: move the heating plants from coal to gas',
      summary: 'Every winter Almaty lies under smog. We ask the council to propose converting the city’s coal-fired heating plants to gas by 2030.',
      body: 'Almaty’s combined heat and power plants burn coal, and in winter the city ranks among the most polluted in the region.\n\nWe ask that the conversion of the plants to natural gas be planned and financed, with a public timetable.',
      authorName: 'Aliya Seitkali',
      authorEmail: 'aliya.seitkali@kenes.example',
    }, 'demo');
    await this.petitions.moderate(secretariat, referred.id, { decision: 'publish' });
    await this.sign(referred.id, councilId, 25, 'clean-air');

    const open = await this.petitions.submit(undefined, councilId, {
      title: 'Protected bicycle lanes on Astana’s main avenues',
      summary: 'Separate, protected bicycle lanes on Mangilik El and Turan avenues, so that cycling to work is safe.',
      body: 'Cyclists share the avenues with fast traffic. We ask the council to propose protected lanes, separated by kerbs, on the two main avenues.',
      authorName: 'Daulet Shaikenov',
      authorEmail: 'daulet.shaikenov@kenes.example',
    }, 'demo');
    await this.petitions.moderate(secretariat, open.id, { decision: 'publish' });
    await this.sign(open.id, councilId, 4, 'bicycles');

    // One just in, for the secretariat to moderate (published or rejected with a reason).
    await this.petitions.submit(undefined, councilId, {
      title: 'Free school meals for every primary pupil',
      summary: 'A hot, free lunch for every pupil in grades 1 to 4, paid from the national budget.',
      body: 'Some regions feed every primary pupil, others only children from poor families. We ask the council to propose one national rule: a free hot lunch for every pupil in grades 1 to 4.',
      authorName: 'Kamila Ibrayeva',
      authorEmail: 'kamila.ibrayeva@kenes.example',
    }, 'demo');
    this.logger.log('demo petitions: one referred to the council with its proposal, one open for signatures, one awaiting moderation');
  }

  /** Validated signatures of fictional people, as confirmations leave them (keyed hashes only). */
  private async sign(petitionId: string, councilId: string, n: number, tag: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const byRegion: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const region = REGIONS[i % REGIONS.length];
        byRegion[region] = (byRegion[region] ?? 0) + 1;
        const signer = this.keys.signer('email', `demo-${tag}-${i + 1}@kenes.example`);
        await this.demo.insertValidatedSignature(tx.em, petitionId, signer, region);
        await tx.audit({ councilId, actorUserId: null, action: 'petition.signature_validated', objectType: 'petition', objectId: petitionId, after: { signer: signer.toString('hex'), method: 'email', region }, details: { source: 'demo seed' } });
      }
      const counted = await this.repo.countMany(tx.em, petitionId, n, byRegion);
      if (counted) await this.referral.afterCount(tx, counted);
    });
  }
}
