import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils';
import { ProposalsModule } from '@kenes/proposals';
import { BallotCryptoProvider } from './ballot-crypto.provider';
import { BallotsRepository } from './ballots.repository';
import { BallotsService } from './ballots.service';
import { MinorityRepository } from './minority/minority.repository';
import { MinorityService } from './minority/minority.service';
import { PollAccessService } from './poll-access.service';
import { PollsController } from './polls.controller';
import { PollsRepository } from './polls.repository';
import { PollsService } from './polls.service';
import { TalliesRepository } from './tallies.repository';
import { ProxiesController } from './proxies/proxies.controller';
import { ProxiesRepository } from './proxies/proxies.repository';
import { ProxiesService } from './proxies/proxies.service';

@Module({
  imports: [CouncilsModule, ProposalsModule],
  controllers: [PollsController, ProxiesController],
  providers: [BallotCryptoProvider, PollsRepository, BallotsRepository, TalliesRepository, PollsService, BallotsService, PollAccessService, MinorityRepository, MinorityService, ProxiesRepository, ProxiesService],
  exports: [PollsService, BallotsService, MinorityService, PollsRepository, PollAccessService, ProxiesService, ProxiesRepository],
})
export class PollsModule {}
