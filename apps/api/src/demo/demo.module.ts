import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils/councils.module';
import { IdentityModule } from '@kenes/identity/identity.module';
import { DemoSeeder } from './demo-seeder.service';
import { StartupService } from './startup.service';

@Module({
  imports: [IdentityModule, CouncilsModule],
  providers: [DemoSeeder, StartupService],
  exports: [DemoSeeder],
})
export class DemoModule {}
