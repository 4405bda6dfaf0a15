import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/env';

describe('settings', () => {
  it('gives embedded defaults with no configuration at all', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      embeddedDatabase: true,
      embeddedStore: true,
      llmConfigured: false,
      smtpConfigured: false,
      RETENTION_DAYS: 30,
    });
    expect(env.appUrl).toBe('http://localhost:3000');
    expect(env.dataDir).toMatch(/\.data$/);
  });

  it('uses the real services when their variables are set', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgres://u@db/fixline',
      REDIS_URL: 'redis://cache:6379',
      OPENAI_API_KEY: 'sk-x',
      SMTP_SERVER: 'mail',
      PORT: '8080',
    });
    expect(env).toMatchObject({ embeddedDatabase: false, embeddedStore: false, llmConfigured: true, smtpConfigured: true });
    expect(env.appUrl).toBe('http://localhost:8080');
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^PORT: .*\(got "eighty"\)/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be a postgres/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL: must be a redis/],
    [{ OPENAI_TEMPERATURE: '3' }, /OPENAI_TEMPERATURE/],
    [{ SUPPORT_EMAIL: 'support' }, /SUPPORT_EMAIL: must be an email address/],
    [{ CORS_ALLOWED_ORIGINS: 'https://ok.example,null' }, /"null" is not an origin/],
    [{ SMTP_USE_TLS: 'true', SMTP_USE_SSL: 'true' }, /SMTP_USE_TLS: cannot be true together/],
    [{ NEXTAUTH_SECRET: 'short' }, /NEXTAUTH_SECRET: must be at least 32 characters \(value hidden\)/],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }, /NEXTAUTH_SECRET: is required in production/],
  ];

  for (const [source, message] of bad) {
    it(`names the variable and what is expected: ${Object.keys(source).join(', ')}`, () => {
      let error: unknown;
      try {
        parseEnv(source);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(message);
    });
  }

  it('never shows a secret value in the message', () => {
    try {
      parseEnv({ NEXTAUTH_SECRET: 'tiny-secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('tiny-secret');
    }
  });
});
