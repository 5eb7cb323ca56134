import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '@kenes/common';
import { AdminBootstrapService } from '@kenes/identity';
import { DemoSeeder } from './demo-seeder.service';

/** First-start work: the platform admin, then (in development) the demo council. */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  constructor(
    private readonly env: Environment,
    private readonly admin: AdminBootstrapService,
    private readonly demo: DemoSeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.admin.ensureAdmin();
    if (this.env.SEED_DEMO) await this.demo.seed();
  }
}
