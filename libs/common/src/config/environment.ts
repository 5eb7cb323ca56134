import { existsSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return value;
};

/**
 * The environment the API reads at start. Every variable is validated; a bad
 * value stops the start with a message naming the variable.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  /**
   * The schema owner's connection URL. When set, migrations run with it and
   * DATABASE_URL's role (the one the API serves with) is granted row rights
   * only: no DDL, no TRUNCATE, no DELETE from the record.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_MIGRATION_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL: number = 900;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(31536000)
  JWT_REFRESH_TTL: number = 30 * 24 * 3600;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true }, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  SEED_DEMO?: boolean;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'must be a size such as 1mb or 512kb' })
  BODY_LIMIT: string = '1mb';

  @IsOptional()
  @IsString()
  KENES_HOME: string = '.kenes';

  /** Interface the server listens on: 127.0.0.1 unless production (0.0.0.0) or set. */
  @IsOptional()
  @Matches(/^[0-9a-fA-F:.]+$|^localhost$/, { message: 'must be an IP address or localhost' })
  HOST?: string;

  /** The secret-ballot key, independent of JWT_SECRET and never stored in the database. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  BALLOT_KEY?: string;

  /** Ed25519 seed (64 hex digits) that signs audit checkpoints. */
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hexadecimal digits (an Ed25519 seed)' })
  AUDIT_SIGNING_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10080)
  AUDIT_CHECKPOINT_MINUTES: number = 60;

  /** Comma-separated origins allowed to call the API from a browser (none but the app's own by default). */
  @IsOptional()
  @Matches(/^\s*(\*|https?:\/\/[^\s,]+)(\s*,\s*https?:\/\/[^\s,]+)*\s*$/, { message: 'must be a comma-separated list of http(s) origins' })
  CORS_ORIGINS?: string;

  /** The proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR ranges (none by default). */
  @IsOptional()
  @Matches(/^\s*[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*\s*$|^(loopback|linklocal|uniquelocal)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:./]+))*$/, {
    message: 'must be a comma-separated list of addresses or CIDR ranges',
  })
  TRUST_PROXY?: string;

  /** Outgoing mail (petition confirmations): smtp://user:pass@host:port or smtps://…; without it, development writes .eml files. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of outgoing mail. */
  @IsOptional()
  @Matches(/^([^<>\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: 'must be an address, or a name and <address>' })
  MAIL_FROM: string = 'Kenes <no-reply@kenes.localhost>';

  /** The address people reach the app at, for links in mail (never taken from a request's Host header). */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }, { message: 'must be an http(s):// URL' })
  PUBLIC_URL?: string;

  /** Path of a PEM file of the CA certificates whose holders may sign petitions with a certificate. */
  @IsOptional()
  @IsString()
  PETITION_TRUST_ANCHORS?: string;
}

export const ENVIRONMENT_VARIABLES = [
  'NODE_ENV', 'DATABASE_URL', 'DATABASE_MIGRATION_URL', 'PORT', 'JWT_ACCESS_TTL', 'JWT_REFRESH_TTL', 'JWT_SECRET', 'ADMIN_EMAIL',
  'ADMIN_PASSWORD', 'REDIS_URL', 'SEED_DEMO', 'LOG_LEVEL', 'BODY_LIMIT', 'KENES_HOME', 'HOST', 'BALLOT_KEY',
  'AUDIT_SIGNING_KEY', 'AUDIT_CHECKPOINT_MINUTES', 'CORS_ORIGINS', 'TRUST_PROXY', 'SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL',
  'PETITION_TRUST_ANCHORS',
] as const;

/** The platform admin of a development install when ADMIN_EMAIL is not set (README lists it). */
export const DEVELOPMENT_ADMIN = { email: 'admin@kenes.example', password: 'kenes-admin-2026' } as const;

export class ConfigurationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Validates the raw environment; throws ConfigurationError naming each bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const cleaned: Record<string, unknown> = {};
  for (const key of ENVIRONMENT_VARIABLES) cleaned[key] = raw[key] === '' ? undefined : raw[key];
  const env = plainToInstance(Environment, cleaned, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  const problems = errors.map((e) => ({
    variable: e.property,
    message: Object.values(e.constraints ?? {}).join(', '),
  }));
  if (env.NODE_ENV === 'production') {
    for (const variable of ['JWT_SECRET', 'BALLOT_KEY', 'AUDIT_SIGNING_KEY'] as const) {
      if (!env[variable]) problems.push({ variable, message: 'is required when NODE_ENV=production' });
    }
  }
  if (env.BALLOT_KEY && env.JWT_SECRET && env.BALLOT_KEY === env.JWT_SECRET) {
    problems.push({ variable: 'BALLOT_KEY', message: 'must differ from JWT_SECRET' });
  }
  if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
    problems.push({ variable: 'DATABASE_URL', message: 'must be set when DATABASE_MIGRATION_URL is (the runtime role serves with it)' });
  }
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    problems.push({ variable: env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL', message: 'must be set together with the other' });
  }
  if (env.PETITION_TRUST_ANCHORS && !existsSync(env.PETITION_TRUST_ANCHORS)) {
    problems.push({ variable: 'PETITION_TRUST_ANCHORS', message: `names no file (${env.PETITION_TRUST_ANCHORS})` });
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  if (env.SEED_DEMO === undefined) env.SEED_DEMO = env.NODE_ENV === 'development';
  if (env.HOST === undefined) env.HOST = env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1';
  if (env.NODE_ENV === 'development' && !env.ADMIN_EMAIL) {
    env.ADMIN_EMAIL = DEVELOPMENT_ADMIN.email;
    env.ADMIN_PASSWORD = DEVELOPMENT_ADMIN.password;
  }
  return env;
}
