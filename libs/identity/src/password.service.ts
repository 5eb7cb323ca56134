import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import { Semaphore } from '@kenes/common';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * How many hashes run at once: one per core, and never every thread of
 * libuv's pool (argon2 runs there, beside file and DNS work).
 */
export function hashingSlots(cores = availableParallelism(), threadPool = Number(process.env.UV_THREADPOOL_SIZE) || 4): number {
  return Math.max(1, Math.min(cores, threadPool - 1));
}

/**
 * Password hashing, never inside a transaction or while holding a database
 * connection: a login flood queues here, not in the pool.
 */
@Injectable()
export class PasswordService {
  /** A hash to verify against when the email is unknown, so both failures cost the same. */
  private decoy?: Promise<string>;
  private readonly slots = new Semaphore(hashingSlots());

  hash(password: string): Promise<string> {
    return this.slots.run(() => argon2.hash(password, OPTIONS));
  }

  /** Whether `password` matches `hash`; with no hash (unknown email), one verification against a decoy, always false. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    if (hash === null) {
      this.decoy ??= this.hash('kenes-decoy-password');
      const decoy = await this.decoy;
      await this.slots.run(() => argon2.verify(decoy, password)).catch(() => false);
      return false;
    }
    return this.slots.run(() => argon2.verify(hash, password)).catch(() => false);
  }
}
