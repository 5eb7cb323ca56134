/** npm run migration:run: applies pending migrations to DATABASE_URL (or the embedded database). */
import 'reflect-metadata';
import { prepareRuntime } from '../apps/api/src/runtime';

prepareRuntime(process.env, (line) => console.log(line))
  .then(async (runtime) => {
    console.log('migrations are up to date');
    await runtime.stop();
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
