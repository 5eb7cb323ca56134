/** npm run seed:demo: loads the demo council into the configured database (idempotent). */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module';
import { DemoSeeder } from '../apps/api/src/demo/demo-seeder.service';
import { prepareRuntime } from '../apps/api/src/runtime';

async function main(): Promise<void> {
  const runtime = await prepareRuntime(process.env, (line) => console.log(line));
  try {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...runtime.env, SEED_DEMO: false, LOG_LEVEL: 'warn' }), { logger: ['error', 'warn'] });
    const { created, councilId } = await app.get(DemoSeeder).seed();
    console.log(created ? `demo council loaded (${councilId})` : `demo council already present (${councilId})`);
    await app.close();
  } finally {
    await runtime.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
