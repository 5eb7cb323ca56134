import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils/councils.module';
import { IdentityModule } from '@kenes/identity/identity.module';
import { ImplementationModule } from '@kenes/implementation/implementation.module';
import { PollsModule } from '@kenes/polls/polls.module';
import { ProposalsModule } from '@kenes/proposals/proposals.module';
import { SessionsModule } from '@kenes/sessions/sessions.module';
import { PetitionsModule } from '@kenes/petitions/petitions.module';
import { RotationModule } from '@kenes/rotation/rotation.module';
import { DemoCycle } from './demo-cycle.service';
import { DemoPetitions } from './demo-petitions.service';
import { DemoRotation } from './demo-rotation.service';
import { DemoSeeder } from './demo-seeder.service';
import { StartupService } from './startup.service';
import { DemoRepository } from './demo.repository';

@Module({
  imports: [IdentityModule, CouncilsModule, ProposalsModule, PollsModule, SessionsModule, ImplementationModule, PetitionsModule, RotationModule],
  providers: [DemoSeeder, DemoCycle, DemoPetitions, DemoRotation, StartupService, DemoRepository],
  exports: [DemoSeeder],
})
export class DemoModule {}
