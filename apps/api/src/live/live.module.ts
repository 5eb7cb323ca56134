import { Module } from '@nestjs/common';
import { IdentityModule } from '@kenes/identity/identity.module';
import { PollsModule } from '@kenes/polls/polls.module';
import { SessionsModule } from '@kenes/sessions/sessions.module';
import { LiveGateway } from './live.gateway';

@Module({
  imports: [IdentityModule, PollsModule, SessionsModule],
  providers: [LiveGateway],
})
export class LiveModule {}
