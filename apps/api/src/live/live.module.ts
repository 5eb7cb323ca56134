import { Module } from '@nestjs/common';
import { IdentityModule } from '@kenes/identity/identity.module';
import { LiveGateway } from './live.gateway';

@Module({
  imports: [IdentityModule],
  providers: [LiveGateway],
})
export class LiveModule {}
