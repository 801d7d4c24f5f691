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

  it('refuses a short JWT_SECRET even in development', () => {
    expect(() => validateEnv({ ...base, NODE_ENV: 'development', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it('treats an unset NODE_ENV as production: JWT_SECRET and ADMIN_PASSWORD are required, no development fallback', () => {
    let message = '';
    try {
      validateEnv({ ...base });
    } catch (err) {
      message = err.message;
    }
    expect(message).toMatch(/JWT_SECRET/);
    expect(message).toMatch(/ADMIN_PASSWORD/);
    expect(() => validateEnv({ ...base, NODE_ENV: '' })).toThrow();
    expect(message).toMatch(/AUDIT_SIGNING_KEY/);
    const env = validateEnv({ ...base, JWT_SECRET: 'y'.repeat(40), ADMIN_PASSWORD: 'long-enough-password', AUDIT_SIGNING_KEY: 'PEM' });
    expect(env.NODE_ENV).toBe('production');
    expect(env.JWT_SECRET).not.toBe(DEV_JWT_SECRET);
  });

  it('allows the development fallbacks only when NODE_ENV is explicitly development or test', () => {
    for (const NODE_ENV of ['development', 'test']) expect(validateEnv({ ...base, NODE_ENV }).JWT_SECRET).toBe(DEV_JWT_SECRET);
  });

  it('validates TRUST_PROXY: a hop count or a list of addresses/CIDRs', () => {
    const dev = { ...base, NODE_ENV: 'test' };
    expect(validateEnv({ ...dev }).TRUST_PROXY).toBeUndefined();
    for (const ok of ['1', '2', '10.0.0.0/8', '10.0.0.1, 192.168.0.0/16,::1', 'fd00::/8']) expect(validateEnv({ ...dev, TRUST_PROXY: ok }).TRUST_PROXY).toBe(ok);
    for (const bad of ['true', 'yes', '10.0.0.0/33', 'proxy.example.com', '1.2.3.4/8/1', '-1', '11']) {
      expect(() => validateEnv({ ...dev, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
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

  it('fills defaults, converts numbers and booleans, and uses a development JWT secret in development', () => {
    const env = validateEnv({ ...base, NODE_ENV: 'development', PORT: '8080', DEMO_DATA: '1' });
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
