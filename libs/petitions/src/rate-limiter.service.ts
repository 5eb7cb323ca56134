import { Injectable } from '@nestjs/common';
import { retryAfterSeconds, windowStartOf } from '@kenes/core';
import { DomainError } from '@kenes/common';
import { PetitionsRepository } from './petitions.repository';

export type RateScope = 'address' | 'domain' | 'signer' | 'submit';

export interface RateRule {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/**
 * Defaults that a person signing, or a family behind one router, never meets;
 * a script that signs with many addresses does. A large mail provider's domain
 * is shared by millions, so its limit is higher.
 */
export const DEFAULT_RATE_RULES: Record<RateScope, RateRule> = {
  address: { limit: 60, windowMs: 10 * MINUTE },
  domain: { limit: 200, windowMs: 10 * MINUTE },
  signer: { limit: 5, windowMs: 60 * MINUTE },
  submit: { limit: 10, windowMs: 60 * MINUTE },
};

const LARGE_PROVIDERS = new Set(['gmail.com', 'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'yandex.ru', 'yandex.kz', 'ya.ru', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'yahoo.com', 'proton.me']);
const LARGE_PROVIDER_FACTOR = 50;

/** Test and operator override: KENES_PETITION_RATE_LIMITS='{"address":{"limit":3,"windowMs":60000}}'. */
function rulesFromEnvironment(): Record<RateScope, RateRule> {
  const raw = process.env.KENES_PETITION_RATE_LIMITS;
  if (!raw) return DEFAULT_RATE_RULES;
  const parsed = JSON.parse(raw) as Partial<Record<RateScope, RateRule>>;
  return { ...DEFAULT_RATE_RULES, ...parsed };
}

/** Rate limits on signing and submitting, counted in the database so that every API node shares them. */
@Injectable()
export class PetitionRateLimiter {
  private readonly rules = rulesFromEnvironment();

  constructor(private readonly repo: PetitionsRepository) {}

  /** Counts one request under each key; 429 with Retry-After when any is over its limit. */
  async hit(keys: { scope: RateScope; key: string }[]): Promise<void> {
    const now = new Date();
    const counted = keys.map((k) => ({ ...k, rule: this.ruleOf(k.scope, k.key) }));
    const counts = await this.repo.hit(counted.map((k) => ({ key: `${k.scope}:${k.key}`, windowStart: windowStartOf(now, k.rule.windowMs) })));
    const over = counted.filter((k, i) => counts[i] > k.rule.limit);
    if (over.length === 0) return;
    const retry = Math.max(...over.map((k) => retryAfterSeconds(now, k.rule.windowMs)));
    throw new DomainError('rate_limited', 'PETITION_RATE_LIMITED', 'Too many signing requests; try again later.', { retryAfterSeconds: retry }, undefined, { 'Retry-After': String(retry) });
  }

  private ruleOf(scope: RateScope, key: string): RateRule {
    const rule = this.rules[scope];
    return scope === 'domain' && LARGE_PROVIDERS.has(key) ? { ...rule, limit: rule.limit * LARGE_PROVIDER_FACTOR } : rule;
  }

  /** The longest window: older counters can go. */
  get longestWindowMs(): number {
    return Math.max(...Object.values(this.rules).map((r) => r.windowMs));
  }
}
