import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, registerDecorator, ValidateIf, validateSync } from 'class-validator';
import { IANAZone } from 'luxon';
import { isIP } from 'node:net';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

function IsTimeZone() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Asia/Shanghai` },
      validator: { validate: (v: unknown) => typeof v === 'string' && IANAZone.isValidZone(v) },
    });
}

function IsTrustProxy() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTrustProxy',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a hop count (e.g. 1) or a comma-separated list of proxy addresses/CIDRs (e.g. 10.0.0.0/8,::1)` },
      validator: { validate: (v: unknown) => typeof v === 'string' && parseTrustProxy(v) !== undefined },
    });
}

/**
 * TRUST_PROXY: a hop count ("1": the last X-Forwarded-For entry was added by our proxy) or a
 * comma-separated list of proxy addresses/CIDRs. Returns what Fastify's `trustProxy` takes, or
 * undefined when the value is not valid. Empty → false (the socket address, the default).
 */
export function parseTrustProxy(value: string | undefined): number | string[] | false | undefined {
  const v = (value ?? '').trim();
  if (v === '') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? hops : hops === 0 ? false : undefined;
  }
  const entries = v.split(',').map((e) => e.trim());
  const valid = entries.every((e) => {
    const [address, prefix, ...rest] = e.split('/');
    const family = isIP(address);
    if (!family || rest.length > 0) return false;
    if (prefix === undefined) return true;
    return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  });
  return valid ? entries : undefined;
}

/** Every environment variable the processes read, validated once at boot. */
export class Env {
  /**
   * Unset counts as production: the development JWT secret and admin password are only allowed
   * when NODE_ENV is explicitly `development` or `test` (`npm start` sets `development` itself).
   */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'production';

  @IsString()
  DATABASE_URL: string;

  @IsString()
  REDIS_URL: string;

  /**
   * The tables' owner, for migrations only (`migrate`, `npm start`); DATABASE_URL is then the app's
   * role, which owns nothing (README "Database roles"). Defaults to DATABASE_URL, with a warning.
   */
  @IsOptional() @IsString()
  MIGRATION_DATABASE_URL?: string;

  /** Ed25519 private key (PEM, PKCS#8; `\n` escapes allowed) that signs audit checkpoints. Required in production (NODE_ENV unset included) unless AUDIT_SIGNING_KEY_FILE is set. */
  @ValidateIf((env: Env) => (env.NODE_ENV === 'production' && !env.AUDIT_SIGNING_KEY_FILE) || env.AUDIT_SIGNING_KEY !== undefined)
  @IsString({ message: 'AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE (an Ed25519 private key PEM) is required when NODE_ENV=production' })
  AUDIT_SIGNING_KEY?: string;

  /** A file holding the Ed25519 private key PEM (`npm start` generates .data/audit-signing-key.pem). */
  @IsOptional() @IsString()
  AUDIT_SIGNING_KEY_FILE?: string;

  /** Prefix of every BullMQ key; lets several deployments (or test runs) share one Redis. */
  @IsString()
  QUEUE_PREFIX = 'qf';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @ValidateIf((env: Env) => !isDevelopmentLike(env) || env.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (required unless NODE_ENV is development or test)' })
  JWT_SECRET?: string;

  @Transform(toInt) @IsInt() @Min(60)
  JWT_EXPIRES_IN_SECONDS = 8 * 3600;

  @IsString()
  ADMIN_USERNAME = 'admin';

  @ValidateIf((env: Env) => !isDevelopmentLike(env) || env.ADMIN_PASSWORD !== undefined)
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters (required unless NODE_ENV is development or test)' })
  ADMIN_PASSWORD?: string;

  @IsTimeZone()
  ORG_TIMEZONE = 'Asia/Shanghai';

  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Proxies whose X-Forwarded-For is believed: a hop count or CIDRs. Unset: the socket address. */
  @IsOptional() @IsTrustProxy()
  TRUST_PROXY?: string;

  /** Concurrent audit exports and chain verifications per user, and in total (429 past either). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  AUDIT_HEAVY_MAX_PER_USER = 2;

  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  AUDIT_HEAVY_MAX_TOTAL = 4;

  /** Connections of the exports' own pool (exports never take the api's main pool). */
  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  EXPORT_POOL_SIZE = 4;

  /** statement_timeout of every connection, in ms (0 = none). */
  @Transform(toInt) @IsInt() @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 60_000;

  /** idle_in_transaction_session_timeout of every connection, in ms (0 = none). */
  @Transform(toInt) @IsInt() @Min(0)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  /**
   * idle_in_transaction_session_timeout of the export pool's connections: an export's cursor
   * transaction idles while a slow client drains the response.
   */
  @Transform(toInt) @IsInt() @Min(0)
  EXPORT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_USER = 5;

  /**
   * Failed (and in-flight) logins per client address in the window. High on purpose: an office of
   * 200 people behind one NAT must never be refused for a few dozen typos (see README, Security).
   */
  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 300;

  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60;

  @Transform(toInt) @IsInt() @Min(0)
  FINALIZE_DELAY_SECONDS = 300;

  @Transform(toInt) @IsInt() @Min(0)
  CHECKIN_GRACE_MINUTES = 5;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 20;

  @Transform(toInt) @IsInt() @Min(1) @Max(64)
  WORKER_CONCURRENCY = 4;

  /**
   * How long a worker holds a job's lock between renewals (BullMQ lockDuration), and how often
   * stalled jobs are looked for: a worker killed mid-job has its job taken over after roughly
   * lock + 2 × stalled interval.
   */
  @Transform(toInt) @IsInt() @Min(1000)
  WORKER_LOCK_DURATION_MS = 30_000;

  @Transform(toInt) @IsInt() @Min(1000)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /** Optional health port of the worker process (0 = none). */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  WORKER_HEALTH_PORT = 0;

  /** Seconds between reconciler sweeps in the worker. */
  @Transform(toInt) @IsInt() @Min(1)
  RECONCILE_INTERVAL_SECONDS = 60;

  /** People per transaction when fanning out a reflection assignment. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  REFLECTION_FANOUT_CHUNK = 10_000;

  /** Pause between fan-out chunks in milliseconds (0 in production; fault drills slow the fan-out down with it). */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  REFLECTION_FANOUT_PAUSE_MS = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBool) @IsOptional() @IsBoolean()
  DEMO_DATA?: boolean;
}

function isDevelopmentLike(env: Env): boolean {
  return env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
}

export const DEV_JWT_SECRET = 'qingfeng-development-secret-do-not-use-in-production';

/** Validates `raw` (normally process.env); throws one error that names every bad variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)),
    );
    throw new Error(`Invalid environment:\n  - ${lines.join('\n  - ')}`);
  }
  env.JWT_SECRET ??= DEV_JWT_SECRET;
  return env;
}
