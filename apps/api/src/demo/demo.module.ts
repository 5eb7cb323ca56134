import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils';
import { IdentityModule } from '@kenes/identity';
import { ImplementationModule } from '@kenes/implementation';
import { PollsModule } from '@kenes/polls';
import { ProposalsModule } from '@kenes/proposals';
import { SessionsModule } from '@kenes/sessions';
import { PetitionsModule } from '@kenes/petitions';
import { RotationModule } from '@kenes/rotation';
import { DemoAgenda } from './demo-agenda.service';
import { DemoCycle } from './demo-cycle.service';
import { DemoPetitions } from './demo-petitions.service';
import { DemoRotation } from './demo-rotation.service';
import { DemoSeeder } from './demo-seeder.service';
import { StartupService } from './startup.service';
import { DemoRepository } from './demo.repository';

@Module({
  imports: [IdentityModule, CouncilsModule, ProposalsModule, PollsModule, SessionsModule, ImplementationModule, PetitionsModule, RotationModule],
  providers: [DemoSeeder, DemoCycle, DemoAgenda, DemoPetitions, DemoRotation, StartupService, DemoRepository],
  exports: [DemoSeeder],
})
export class DemoModule {}
