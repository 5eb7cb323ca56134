import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { ConsultationsController } from './consultations/consultations.controller';
import { ConsultationsRepository } from './consultations/consultations.repository';
import { ConsultationsService } from './consultations/consultations.service';
import { OverdueConsultationsJob } from './consultations/overdue.job';
import { ProposalOriginsService } from './proposal-origins.service';
import { ProposalAccessService } from './proposal-access.service';
import { ProposalsController } from './proposals.controller';
import { ProposalsRepository } from './proposals.repository';
import { ProposalsService } from './proposals.service';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';
import { TraceRepository } from './trace.repository';
import { TraceService } from './trace.service';
import { TransitionsService } from './transitions.service';

@Module({
  imports: [CouncilsModule],
  controllers: [ProposalsController, ConsultationsController],
  providers: [
    ProposalsRepository,
    ProposalsService,
    ProposalAccessService,
    CommentsRepository,
    CommentsService,
    SearchRepository,
    SearchService,
    TraceRepository,
    TraceService,
    TransitionsService,
    ConsultationsRepository,
    ConsultationsService,
    OverdueConsultationsJob,
    ProposalOriginsService,
  ],
  exports: [ProposalsRepository, ProposalsService, CommentsService, ConsultationsService, ProposalAccessService, TraceService, TransitionsService, OverdueConsultationsJob, ProposalOriginsService],
})
export class ProposalsModule {}
