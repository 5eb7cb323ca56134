import { AuditCheckpointEntity } from '@kenes/audit';
import { AuditEntryEntity } from '@kenes/audit';
import { AgencyEntity } from '@kenes/councils';
import { CouncilEntity } from '@kenes/councils';
import { MembershipEntity } from '@kenes/councils';
import { MembershipRevisionEntity } from '@kenes/councils';
import { BalanceSettingsEntity } from '@kenes/rotation';
import { BalanceTargetEntity } from '@kenes/rotation';
import { CandidateEntity } from '@kenes/rotation';
import { RotationPlanEntity } from '@kenes/rotation';
import { WorkingGroupMemberEntity } from '@kenes/councils';
import { WorkingGroupEntity } from '@kenes/councils';
import { LoginFailureEntity } from '@kenes/identity';
import { RefreshTokenEntity } from '@kenes/identity';
import { UserEntity } from '@kenes/identity';
import { ConsultationCommentEntity } from '@kenes/proposals';
import { ConsultationResponseEntity } from '@kenes/proposals';
import { ConsultationEntity } from '@kenes/proposals';
import { ProposalAuthorEntity } from '@kenes/proposals';
import { ProposalCommentEntity } from '@kenes/proposals';
import { ProposalTransitionEntity } from '@kenes/proposals';
import { ProposalVersionEntity } from '@kenes/proposals';
import { ProposalEntity } from '@kenes/proposals';
import { TraceEntryEntity } from '@kenes/proposals';
import { BallotEntity } from '@kenes/polls';
import { BallotKeyEntity } from '@kenes/polls';
import { MinorityOpinionEntity } from '@kenes/polls';
import { MinoritySignatureEntity } from '@kenes/polls';
import { PollVoterEntity } from '@kenes/polls';
import { PollEntity } from '@kenes/polls';
import { PollProxyEntity } from '@kenes/polls';
import { ProxyEntity } from '@kenes/polls';
import { ReceiptClaimEntity } from '@kenes/polls';
import { SecretParticipationEntity } from '@kenes/polls';
import { SecretSlotEntity } from '@kenes/polls';
import { AgendaItemEntity } from '@kenes/sessions';
import { CheckInEntity } from '@kenes/sessions';
import { SessionEventEntity } from '@kenes/sessions';
import { SessionEntity } from '@kenes/sessions';
import { PlanItemUpdateEntity } from '@kenes/implementation';
import { PlanItemEntity } from '@kenes/implementation';
import { PlanEntity } from '@kenes/implementation';
import { ReformPackageEntity } from '@kenes/implementation';
import { PetitionRateCounterEntity } from '@kenes/petitions';
import { PetitionSignatureEntity } from '@kenes/petitions';
import { PetitionEntity } from '@kenes/petitions';
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
