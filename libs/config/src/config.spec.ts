import { ConfigError, DEV_JWT_SECRET, loadConfig } from './config';

describe('loadConfig', () => {
  it('has development defaults that point at the local services', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/brobygge');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379/0');
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('refuses a bad value with one line naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', PORT: 'abc' })).toThrow(new ConfigError('PORT must be a whole number (got "abc")'));
    expect(() => loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL must be a URL/);
    expect(() => loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL /);
  });

  it('stops a production start without secrets, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(new ConfigError('JWT_SECRET must be set when NODE_ENV=production'));
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET, BOOTSTRAP_ADMIN_PASSWORD: 'x'.repeat(12) })).toThrow(
      new ConfigError('JWT_SECRET must not be the development default when NODE_ENV=production'),
    );
    const ok = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 's'.repeat(32),
      BOOTSTRAP_ADMIN_PASSWORD: 'p'.repeat(12),
    });
    expect(ok.NODE_ENV).toBe('production');
  });

  it('fails closed: without NODE_ENV (production assumed) the development secrets are refused', () => {
    expect(() => loadConfig({})).toThrow(
      new ConfigError('JWT_SECRET must be set when NODE_ENV is not set (production is assumed; set NODE_ENV=development for local work)'),
    );
    expect(() => loadConfig({ JWT_SECRET: DEV_JWT_SECRET, BOOTSTRAP_ADMIN_PASSWORD: 'p'.repeat(12) })).toThrow(
      /^JWT_SECRET must not be the development default when NODE_ENV is not set/,
    );
    expect(() => loadConfig({ JWT_SECRET: 's'.repeat(32) })).toThrow(/^BOOTSTRAP_ADMIN_PASSWORD must be set/);
    expect(loadConfig({ NODE_ENV: 'test' }).JWT_SECRET).toBe(DEV_JWT_SECRET);
    // Tools that use no secret (migrations) start anyway.
    expect(loadConfig({}, { secrets: false }).NODE_ENV).toBe('production');
  });

  it('reads CORS origins as a list and refuses a malformed one', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(() => loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: 'a.example/path' })).toThrow(/^CORS_ORIGINS must be a comma-separated list/);
  });

  it('never echoes a secret in its message', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'short' })).toThrow(new ConfigError('JWT_SECRET must be at least 16 characters'));
  });
});
