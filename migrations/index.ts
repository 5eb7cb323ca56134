// Every migration, in order. `npm run migration:generate -- <Name>` appends here.
import { Foundation1795609002594 } from './1795609002594-Foundation';
import { AuditEntryGuards1795609100000 } from './1795609100000-AuditEntryGuards';
import { Proposals1795609787276 } from './1795609787276-Proposals';
import { ProposalSearch1795609788276 } from './1795609788276-ProposalSearch';
import { Polls1795610473705 } from './1795610473705-Polls';
import { ConsultationsByCouncil1795611097875 } from './1795611097875-ConsultationsByCouncil';
import { Sessions1795611346776 } from './1795611346776-Sessions';
import { Presence1795612931791 } from './1795612931791-Presence';
import { Implementation1795613764820 } from './1795613764820-Implementation';
import { OpenData1795613826981 } from './1795613826981-OpenData';
import { IntegrityFailure1795620000000 } from './1795620000000-IntegrityFailure';
import { BallotKeys1795620355802 } from './1795620355802-BallotKeys';
import { OpenDataPaging1795660000000 } from './1795660000000-OpenDataPaging';
import { SecretBallotsSealed1796562715391 } from './1796562715391-SecretBallotsSealed';
import { RecordGuardsHardened1796570000000 } from './1796570000000-RecordGuardsHardened';
import { LoginFailuresPerEmail1796600000000 } from './1796600000000-LoginFailuresPerEmail';
import { ProxyVoting1796710000000 } from './1796710000000-ProxyVoting';
import { MembershipRevisions1796730000000 } from './1796730000000-MembershipRevisions';
import { BalanceAndRotation1796731000000 } from './1796731000000-BalanceAndRotation';
import { Petitions1796720000000 } from './1796720000000-Petitions';
import { ProposalListsAndTraceData1796740000000 } from './1796740000000-ProposalListsAndTraceData';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  Foundation1795609002594,
  AuditEntryGuards1795609100000,
  Proposals1795609787276,
  ProposalSearch1795609788276,
  Polls1795610473705,
  ConsultationsByCouncil1795611097875,
  Sessions1795611346776,
  Presence1795612931791,
  Implementation1795613764820,
  OpenData1795613826981,
  IntegrityFailure1795620000000,
  BallotKeys1795620355802,
  OpenDataPaging1795660000000,
  SecretBallotsSealed1796562715391,
  RecordGuardsHardened1796570000000,
  LoginFailuresPerEmail1796600000000,
  ProxyVoting1796710000000,
  Petitions1796720000000,
  MembershipRevisions1796730000000,
  BalanceAndRotation1796731000000,
  ProposalListsAndTraceData1796740000000,
];
