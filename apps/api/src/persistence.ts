import { AuditCheckpointEntity } from '@kenes/audit/audit-checkpoint.entity';
import { AuditEntryEntity } from '@kenes/audit/audit-entry.entity';
import { AgencyEntity } from '@kenes/councils/entities/agency.entity';
import { CouncilEntity } from '@kenes/councils/entities/council.entity';
import { MembershipEntity } from '@kenes/councils/entities/membership.entity';
import { MembershipRevisionEntity } from '@kenes/councils/entities/membership-revision.entity';
import { BalanceSettingsEntity } from '@kenes/rotation/entities/balance-settings.entity';
import { BalanceTargetEntity } from '@kenes/rotation/entities/balance-target.entity';
import { CandidateEntity } from '@kenes/rotation/entities/candidate.entity';
import { RotationPlanEntity } from '@kenes/rotation/entities/rotation-plan.entity';
import { WorkingGroupMemberEntity } from '@kenes/councils/entities/working-group-member.entity';
import { WorkingGroupEntity } from '@kenes/councils/entities/working-group.entity';
import { LoginFailureEntity } from '@kenes/identity/entities/login-failure.entity';
import { RefreshTokenEntity } from '@kenes/identity/entities/refresh-token.entity';
import { UserEntity } from '@kenes/identity/entities/user.entity';
import { ConsultationCommentEntity } from '@kenes/proposals/consultations/entities/consultation-comment.entity';
import { ConsultationResponseEntity } from '@kenes/proposals/consultations/entities/consultation-response.entity';
import { ConsultationEntity } from '@kenes/proposals/consultations/entities/consultation.entity';
import { ProposalAuthorEntity } from '@kenes/proposals/entities/proposal-author.entity';
import { ProposalCommentEntity } from '@kenes/proposals/entities/proposal-comment.entity';
import { ProposalTransitionEntity } from '@kenes/proposals/entities/proposal-transition.entity';
import { ProposalVersionEntity } from '@kenes/proposals/entities/proposal-version.entity';
import { ProposalEntity } from '@kenes/proposals/entities/proposal.entity';
import { TraceEntryEntity } from '@kenes/proposals/entities/trace-entry.entity';
import { BallotEntity } from '@kenes/polls/entities/ballot.entity';
import { BallotKeyEntity } from '@kenes/polls/entities/ballot-key.entity';
import { MinorityOpinionEntity } from '@kenes/polls/entities/minority-opinion.entity';
import { MinoritySignatureEntity } from '@kenes/polls/entities/minority-signature.entity';
import { PollVoterEntity } from '@kenes/polls/entities/poll-voter.entity';
import { PollEntity } from '@kenes/polls/entities/poll.entity';
import { PollProxyEntity } from '@kenes/polls/proxies/entities/poll-proxy.entity';
import { ProxyEntity } from '@kenes/polls/proxies/entities/proxy.entity';
import { ReceiptClaimEntity } from '@kenes/polls/entities/receipt-claim.entity';
import { SecretParticipationEntity } from '@kenes/polls/entities/secret-participation.entity';
import { SecretSlotEntity } from '@kenes/polls/entities/secret-slot.entity';
import { AgendaItemEntity } from '@kenes/sessions/entities/agenda-item.entity';
import { CheckInEntity } from '@kenes/sessions/entities/check-in.entity';
import { SessionEventEntity } from '@kenes/sessions/entities/session-event.entity';
import { SessionEntity } from '@kenes/sessions/entities/session.entity';
import { PlanItemUpdateEntity } from '@kenes/implementation/entities/plan-item-update.entity';
import { PlanItemEntity } from '@kenes/implementation/entities/plan-item.entity';
import { PlanEntity } from '@kenes/implementation/entities/plan.entity';
import { ReformPackageEntity } from '@kenes/implementation/entities/reform-package.entity';
import { PetitionRateCounterEntity } from '@kenes/petitions/entities/petition-rate.entity';
import { PetitionSignatureEntity } from '@kenes/petitions/entities/petition-signature.entity';
import { PetitionEntity } from '@kenes/petitions/entities/petition.entity';
import { MIGRATIONS } from '../../../migrations';

/** Every entity of the deployable; the migration generator diffs the schema against these. */
export const ENTITIES = [
  UserEntity,
  RefreshTokenEntity,
  LoginFailureEntity,
  CouncilEntity,
  AgencyEntity,
  MembershipEntity,
  MembershipRevisionEntity,
  BalanceTargetEntity,
  BalanceSettingsEntity,
  CandidateEntity,
  RotationPlanEntity,
  WorkingGroupEntity,
  WorkingGroupMemberEntity,
  AuditEntryEntity,
  AuditCheckpointEntity,
  ProposalEntity,
  ProposalVersionEntity,
  ProposalAuthorEntity,
  ProposalTransitionEntity,
  ProposalCommentEntity,
  TraceEntryEntity,
  ConsultationEntity,
  ConsultationCommentEntity,
  ConsultationResponseEntity,
  PollEntity,
  ProxyEntity,
  PollProxyEntity,
  PollVoterEntity,
  BallotEntity,
  BallotKeyEntity,
  SecretParticipationEntity,
  SecretSlotEntity,
  MinorityOpinionEntity,
  MinoritySignatureEntity,
  ReceiptClaimEntity,
  SessionEntity,
  AgendaItemEntity,
  SessionEventEntity,
  CheckInEntity,
  ReformPackageEntity,
  PlanEntity,
  PlanItemEntity,
  PlanItemUpdateEntity,
  PetitionEntity,
  PetitionSignatureEntity,
  PetitionRateCounterEntity,
];

export { MIGRATIONS };

export const persistence = (url: string, poolSize?: number) => ({ url, entities: ENTITIES, migrations: MIGRATIONS, poolSize });
