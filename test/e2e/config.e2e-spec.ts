import { ConfigurationError, DEVELOPMENT_ADMIN, Environment, validateEnvironment } from '@kenes/common';

const SECRET = 'a-production-secret-of-at-least-32-characters';
const SEED = 'ab'.repeat(32);
/** The keys production needs besides JWT_SECRET. */
const PRODUCTION_KEYS = { BALLOT_KEY: 'a-ballot-key-of-at-least-32-characters-long', AUDIT_SIGNING_KEY: SEED };

/** The error validateEnvironment throws for `raw`, or a failure when it accepts it. */
function refusal(raw: Record<string, string>): ConfigurationError {
  try {
    validateEnvironment(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigurationError);
    return err as ConfigurationError;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe('validateEnvironment', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['JWT_ACCESS_TTL', { JWT_ACCESS_TTL: '0' }],
    ['JWT_ACCESS_TTL', { JWT_ACCESS_TTL: '15m' }],
    ['JWT_ACCESS_TTL', { JWT_ACCESS_TTL: '1.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['REDIS_URL', { REDIS_URL: 'http://x' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }],
    ['JWT_SECRET', { NODE_ENV: 'production', BALLOT_KEY: SECRET.replace(/./, 'b'), AUDIT_SIGNING_KEY: SEED }],
    ['BALLOT_KEY', { NODE_ENV: 'production', JWT_SECRET: SECRET, AUDIT_SIGNING_KEY: SEED }],
    ['BALLOT_KEY', { BALLOT_KEY: 'too-short' }],
    ['BALLOT_KEY', { JWT_SECRET: SECRET, BALLOT_KEY: SECRET }],
    ['AUDIT_SIGNING_KEY', { NODE_ENV: 'production', JWT_SECRET: SECRET, BALLOT_KEY: SECRET.replace(/./, 'b') }],
    ['AUDIT_SIGNING_KEY', { AUDIT_SIGNING_KEY: 'abc' }],
    ['HOST', { HOST: 'every interface' }],
    ['DATABASE_URL', { DATABASE_MIGRATION_URL: 'postgres://owner@db/kenes' }],
    ['DATABASE_MIGRATION_URL', { DATABASE_URL: 'postgres://app@db/kenes', DATABASE_MIGRATION_URL: 'mysql://owner@db/kenes' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'evil.example' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'everyone' }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'root@kenes.test' }],
    ['ADMIN_EMAIL', { ADMIN_PASSWORD: 'long-enough-password' }],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough-password' }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'root@kenes.test', ADMIN_PASSWORD: 'short' }],
    ['BODY_LIMIT', { BODY_LIMIT: 'lots' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example' }],
    ['MAIL_FROM', { MAIL_FROM: 'not an address' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'kenes.example' }],
    ['PETITION_TRUST_ANCHORS', { PETITION_TRUST_ANCHORS: '/nonexistent/anchors.pem' }],
  ])('refuses a bad %s, naming it: %j', (variable, raw) => {
    const err = refusal({ NODE_ENV: 'test', ...raw });
    expect(err.problems.map((p) => p.variable)).toEqual([variable]);
    expect(err.problems[0].message.length).toBeGreaterThan(0);
    expect(err.message).toContain(variable);
  });

  it('names every bad variable at once', () => {
    const err = refusal({ NODE_ENV: 'production', PORT: 'abc', REDIS_URL: 'http://x', SEED_DEMO: 'maybe' });
    expect(err.problems.map((p) => p.variable).sort()).toEqual(['AUDIT_SIGNING_KEY', 'BALLOT_KEY', 'JWT_SECRET', 'PORT', 'REDIS_URL', 'SEED_DEMO']);
    for (const v of ['JWT_SECRET', 'PORT', 'REDIS_URL', 'SEED_DEMO']) expect(err.message).toContain(v);
  });

  it('accepts good values and converts them', () => {
    const env = validateEnvironment({
      NODE_ENV: 'production',
      ...PRODUCTION_KEYS,
      JWT_SECRET: SECRET,
      CORS_ORIGINS: 'https://kenes.example, https://hall.kenes.example',
      TRUST_PROXY: '10.0.0.5, 192.168.1.0/24',
      PORT: '8080',
      JWT_ACCESS_TTL: '30',
      DATABASE_URL: 'postgresql://kenes:pw@db.internal:5432/kenes',
      REDIS_URL: 'rediss://cache.internal:6380',
      SEED_DEMO: 'true',
      ADMIN_EMAIL: 'root@kenes.test',
      ADMIN_PASSWORD: 'long-enough-password',
    });
    expect(env).toBeInstanceOf(Environment);
    expect(env).toMatchObject({
      PORT: 8080,
      JWT_ACCESS_TTL: 30,
      SEED_DEMO: true,
      REDIS_URL: 'rediss://cache.internal:6380',
      ADMIN_EMAIL: 'root@kenes.test',
      ADMIN_PASSWORD: 'long-enough-password',
    });
    expect(validateEnvironment({ NODE_ENV: 'test', DATABASE_URL: 'postgres://localhost/kenes', SEED_DEMO: 'false' })).toMatchObject({
      DATABASE_URL: 'postgres://localhost/kenes',
      SEED_DEMO: false,
    });
  });

  it('has the documented defaults in development', () => {
    const env = validateEnvironment({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.PORT).toBe(3000);
    expect(env.JWT_ACCESS_TTL).toBe(900);
    expect(env.SEED_DEMO).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.CORS_ORIGINS).toBeUndefined();
    expect(env.TRUST_PROXY).toBeUndefined();
    expect(env.AUDIT_CHECKPOINT_MINUTES).toBe(60);
    expect({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }).toEqual(DEVELOPMENT_ADMIN);
  });

  it('does not seed the demo, nor invent an admin, in production', () => {
    const env = validateEnvironment({ NODE_ENV: 'production', ...PRODUCTION_KEYS, JWT_SECRET: SECRET });
    expect(env.SEED_DEMO).toBe(false);
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.PORT).toBe(3000);
    expect(env.JWT_ACCESS_TTL).toBe(900);
    expect(env.ADMIN_EMAIL).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
  });

  it('lets SEED_DEMO be overridden either way', () => {
    expect(validateEnvironment({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    expect(validateEnvironment({ NODE_ENV: 'production', ...PRODUCTION_KEYS, JWT_SECRET: SECRET, SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    const env = validateEnvironment({ PORT: '', JWT_ACCESS_TTL: '', SEED_DEMO: '', REDIS_URL: '' });
    expect(env).toMatchObject({ PORT: 3000, JWT_ACCESS_TTL: 900, SEED_DEMO: true });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('ignores variables it does not know', () => {
    const env = validateEnvironment({ HOME: '/root', PATH: '/usr/bin', npm_config_cache: 'x' }) as unknown as Record<string, unknown>;
    expect(env.HOME).toBeUndefined();
    expect(env.PATH).toBeUndefined();
  });
});
