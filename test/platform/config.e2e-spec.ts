import { DEV_JWT_SECRET, validateEnv } from '@qf/config';

/** The environment is validated once at boot, with messages that name each bad variable. */
describe('config validation', () => {
  const base = { DATABASE_URL: 'postgres://localhost/qingfeng', REDIS_URL: 'redis://localhost:6379' };

  it('refuses production without JWT_SECRET, naming it', () => {
    expect(() => validateEnv({ ...base, NODE_ENV: 'production', ADMIN_PASSWORD: 'long-enough-password' })).toThrow(/JWT_SECRET/);
  });

  it('refuses production without ADMIN_PASSWORD, naming it', () => {
    expect(() => validateEnv({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/ADMIN_PASSWORD/);
  });

  it('refuses a short JWT_SECRET even outside production', () => {
    expect(() => validateEnv({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it('names every missing or bad variable at once', () => {
    let message = '';
    try {
      validateEnv({ PORT: 'abc', ORG_TIMEZONE: 'Mars/Olympus', LOG_LEVEL: 'loud' });
    } catch (err) {
      message = err.message;
    }
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'PORT', 'ORG_TIMEZONE', 'LOG_LEVEL']) expect(message).toContain(name);
  });

  it('fills defaults, converts numbers and booleans, and uses a development JWT secret outside production', () => {
    const env = validateEnv({ ...base, PORT: '8080', DEMO_DATA: '1' });
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 8080, ORG_TIMEZONE: 'Asia/Shanghai', ADMIN_USERNAME: 'admin', DEMO_DATA: true, JWT_SECRET: DEV_JWT_SECRET });
  });

  it('accepts a complete production environment', () => {
    const env = validateEnv({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'long-enough-password', AUDIT_SIGNING_KEY: 'PEM' });
    expect(env.JWT_SECRET).toBe('x'.repeat(40));
    // The key may come from a file instead.
    expect(() => validateEnv({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'long-enough-password', AUDIT_SIGNING_KEY_FILE: '/run/secrets/key.pem' })).not.toThrow();
  });

  it('refuses production without a checkpoint signing key, naming both variables', () => {
    expect(() => validateEnv({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'long-enough-password' })).toThrow(
      /AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE/,
    );
  });
});
