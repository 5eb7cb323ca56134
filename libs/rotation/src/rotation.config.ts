/** The planner's time limit in milliseconds: ROTATION_TIME_LIMIT_MS (default 10,000; 100 to 600,000). */
export function ROTATION_TIME_LIMIT_MS(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROTATION_TIME_LIMIT_MS;
  if (raw === undefined || raw === '') return 10_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 100 || n > 600_000) throw new Error(`ROTATION_TIME_LIMIT_MS must be an integer number of milliseconds from 100 to 600000 (got "${raw}")`);
  return n;
}
