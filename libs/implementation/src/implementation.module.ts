import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils';
import { ProposalsModule } from '@kenes/proposals';
import { SessionsModule } from '@kenes/sessions';
import { ImplementationController } from './implementation.controller';
import { ImplementationRepository } from './implementation.repository';
import { ImplementationService } from './implementation.service';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';
import { OpenDataRepository } from './open-data.repository';

@Module({
  imports: [CouncilsModule, ProposalsModule, SessionsModule],
  controllers: [ImplementationController, OpenDataController],
  providers: [ImplementationRepository, ImplementationService, OpenDataService, OpenDataRepository],
  exports: [ImplementationService],
})
export class ImplementationModule {}
