import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils';
import { PollsModule } from '@kenes/polls';
import { ProposalsModule } from '@kenes/proposals';
import { AgendaController } from './agenda/agenda.controller';
import { AgendaRepository } from './agenda/agenda.repository';
import { AgendaService } from './agenda/agenda.service';
import { MinutesService } from './minutes.service';
import { SessionAccessService } from './session-access.service';
import { SessionAgendaService } from './session-agenda.service';
import { SessionAttendanceService } from './session-attendance.service';
import { SessionCommandsService } from './session-commands.service';
import { SessionEventsService } from './session-events.service';
import { SessionJoinsService } from './session-joins.service';
import { SessionPollsService } from './session-polls.service';
import { SessionProxiesController } from './session-proxies.controller';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionSnapshotService } from './session-snapshot.service';
import { SessionsService } from './sessions.service';
import { SessionEventHandlers } from './session-event-handlers';
import { LiveTallies } from './live-tallies';

@Module({
  imports: [CouncilsModule, ProposalsModule, PollsModule],
  controllers: [SessionsController, SessionProxiesController, AgendaController],
  providers: [SessionsRepository, AgendaRepository, AgendaService, SessionAccessService, SessionEventsService, SessionJoinsService, SessionsService, SessionAttendanceService, SessionSnapshotService, SessionAgendaService, SessionPollsService, SessionCommandsService, MinutesService, SessionEventHandlers, LiveTallies],
  exports: [SessionsService, SessionAgendaService, SessionCommandsService, SessionEventsService, SessionJoinsService, SessionAccessService, SessionsRepository],
})
export class SessionsModule {}
