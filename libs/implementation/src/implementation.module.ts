import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils/councils.module';
import { ProposalsModule } from '@kenes/proposals/proposals.module';
import { SessionsModule } from '@kenes/sessions/sessions.module';
import { ImplementationController } from './implementation.controller';
import { ImplementationRepository } from './implementation.repository';
import { ImplementationService } from './implementation.service';

@Module({
  imports: [CouncilsModule, ProposalsModule, SessionsModule],
  controllers: [ImplementationController],
  providers: [ImplementationRepository, ImplementationService],
  exports: [ImplementationService],
})
export class ImplementationModule {}
