import { ConfigError, DEV_JWT_SECRET, loadConfig } from './config';

describe('loadConfig', () => {
  it('has development defaults that point at the local services', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/brobygge');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379/0');
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('refuses a bad value with one line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(new ConfigError('PORT must be a whole number (got "abc")'));
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL must be a URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL /);
  });

  it('stops a production start without secrets, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      new ConfigError('JWT_SECRET must be set when NODE_ENV=production'),
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, BOOTSTRAP_ADMIN_PASSWORD: 'x'.repeat(12) }),
    ).toThrow(new ConfigError('JWT_SECRET must not be the development default when NODE_ENV=production'));
    const ok = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 's'.repeat(32),
      BOOTSTRAP_ADMIN_PASSWORD: 'p'.repeat(12),
    });
    expect(ok.NODE_ENV).toBe('production');
  });

  it('never echoes a secret in its message', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(
      new ConfigError('JWT_SECRET must be at least 16 characters'),
    );
  });
});
