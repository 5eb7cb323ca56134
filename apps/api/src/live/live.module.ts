import { Module } from '@nestjs/common';
import { IdentityModule } from '@kenes/identity';
import { PollsModule } from '@kenes/polls';
import { SessionsModule } from '@kenes/sessions';
import { LiveGateway } from './live.gateway';

@Module({
  imports: [IdentityModule, PollsModule, SessionsModule],
  providers: [LiveGateway],
})
export class LiveModule {}
