import { Module } from '@nestjs/common';
import { IdentityModule } from '@kenes/identity';
import { PollsModule } from '@kenes/polls';
import { SessionsModule } from '@kenes/sessions';
import { LiveGateway } from './live.gateway';
import { LiveUpkeep } from './live-upkeep';

@Module({
  imports: [IdentityModule, PollsModule, SessionsModule],
  providers: [LiveGateway, LiveUpkeep],
})
export class LiveModule {}
