import { Module } from '@nestjs/common';
import { IdentityModule } from '@kenes/identity';
import { AccessService } from './access/access.service';
import { AgenciesController } from './agencies.controller';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';
import { CouncilsController } from './councils.controller';
import { CouncilsRepository } from './councils.repository';
import { CouncilsService } from './councils.service';
import { MeController } from './me.controller';
import { MembershipsController } from './memberships.controller';
import { MembershipsRepository } from './memberships.repository';
import { MembershipsService } from './memberships.service';
import { WorkingGroupsController } from './working-groups.controller';
import { WorkingGroupsRepository } from './working-groups.repository';
import { WorkingGroupsService } from './working-groups.service';

@Module({
  imports: [IdentityModule],
  controllers: [CouncilsController, MembershipsController, AgenciesController, WorkingGroupsController, MeController],
  providers: [
    AccessService,
    CouncilsRepository,
    CouncilsService,
    MembershipsRepository,
    MembershipsService,
    AgenciesRepository,
    AgenciesService,
    WorkingGroupsRepository,
    WorkingGroupsService,
  ],
  exports: [AccessService, CouncilsService, CouncilsRepository, MembershipsRepository, AgenciesRepository, WorkingGroupsRepository, WorkingGroupsService],
})
export class CouncilsModule {}
