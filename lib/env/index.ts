import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { dropSingleton, singleton } from '@/lib/singleton';

// Settings are parsed once, here. No other module reads process.env (except NEXT_RUNTIME checks).

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalUrl = (what: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.url({ message: `must be a ${what} URL` }).optional());

const emptyToUndefined = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v));

/** A retention period in whole days. */
const days = (fallback: number) => {
  const message = 'must be a whole number of days from 1 to 3650';
  return z.coerce.number({ message }).int({ message }).min(1, { message }).max(3650, { message }).default(fallback);
};

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    APP_URL: optionalUrl('http(s)').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: z
      .string()
      .trim()
      .transform((v) => (v === '' ? undefined : v))
      .pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
          .optional(),
      )
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(20),
    REDIS_URL: z
      .string()
      .trim()
      .transform((v) => (v === '' ? undefined : v))
      .pipe(
        z
          .string()
          .regex(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
          .optional(),
      )
      .optional(),
    REDIS_PREFIX: z.string().trim().min(1).default('fixline:'),

    OPENAI_API_KEY: emptyToUndefined.optional(),
    OPENAI_BASE_URL: optionalUrl('http(s)').optional(),
    OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
    OPENAI_FALLBACK_MODEL: emptyToUndefined.optional(),
    OPENAI_EMBEDDING_MODEL: emptyToUndefined.optional(),
    OPENAI_MAX_TOKENS: z.coerce.number().int().min(16).max(128000).default(1024),
    OPENAI_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
    OPENAI_TIMEOUT: z.coerce.number().positive().max(600).default(30),

    SMTP_SERVER: emptyToUndefined.optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_USERNAME: emptyToUndefined.optional(),
    SMTP_PASSWORD: emptyToUndefined.optional(),
    SMTP_USE_TLS: bool.default(false),
    SMTP_USE_SSL: bool.default(false),
    FROM_EMAIL: z.email({ message: 'must be an email address' }).default('fixline@localhost'),
    SUPPORT_EMAIL: z.email({ message: 'must be an email address' }).default('support@localhost'),

    NEXTAUTH_SECRET: emptyToUndefined.pipe(z.string().min(32, { message: 'must be at least 32 characters' }).optional()).optional(),
    AUTH_SECRET: emptyToUndefined.pipe(z.string().min(32, { message: 'must be at least 32 characters' }).optional()).optional(),
    NEXTAUTH_URL: optionalUrl('http(s)').optional(),

    ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
    ADMIN_PASSWORD: z.string().min(12, { message: 'must be at least 12 characters' }).max(128).optional(),

    CORS_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const origins = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const o of origins) {
          if (o === 'null' || o === '*' || !/^https?:\/\/[^/]+$/.test(o)) {
            ctx.addIssue({ code: 'custom', message: `"${o}" is not an origin like https://parts.example.com` });
          }
        }
        return origins;
      }),
    /** Conversations whose last activity is older are purged. */
    RETENTION_DAYS: days(30),
    /** Resolved escalations (and then their conversations) are purged this long after resolution. */
    ESCALATION_RETENTION_DAYS: days(365),
    AUDIT_RETENTION_DAYS: days(365),
    UPLOAD_MAX_MB: z.coerce.number().positive().max(1024).default(50),
    UPLOAD_MAX_PAGES: z.coerce.number().int().positive().max(100000).default(2000),
    DEMO_ACCOUNTS: bool.optional(),
    RATE_LIMIT_CHAT_PER_USER: z.coerce.number().int().min(1).max(100000).default(20),
    RATE_LIMIT_CHAT_PER_IP: z.coerce.number().int().min(1).max(1000000).default(120),
    CHAT_DETACH_GRACE_SECONDS: z.coerce.number().positive().max(600).default(20),
    TRUST_PROXY: bool.default(false),
    MODEL_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    MODEL_BREAKER_WINDOW_SECONDS: z.coerce.number().positive().max(3600).default(60),
    MODEL_BREAKER_COOLDOWN_SECONDS: z.coerce.number().positive().max(3600).default(30),
    /** A support reply still unread after this many minutes is emailed to the technician (0: never). */
    SUPPORT_REPLY_REMINDER_MINUTES: z.coerce.number().min(0).max(1440).default(5),
    /** Enables POST /api/email/inbound (replies by email); the mail server or provider sends it with each message. */
    INBOUND_EMAIL_SECRET: emptyToUndefined.pipe(z.string().min(24, { message: 'must be at least 24 characters' }).optional()).optional(),
    /** The address replies reach (routed to POST /api/email/inbound): set as Reply-To of escalation and reminder emails. */
    INBOUND_EMAIL_ADDRESS: emptyToUndefined.pipe(z.email({ message: 'must be an email address' }).optional()).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.SMTP_USE_SSL && v.SMTP_USE_TLS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_USE_TLS'],
        message: 'cannot be true together with SMTP_USE_SSL (choose STARTTLS or implicit TLS)',
      });
    }
    if (v.NODE_ENV === 'production' && v.DATABASE_URL && !v.NEXTAUTH_SECRET && !v.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_SECRET'],
        message: 'is required in production with an external database (32+ random characters)',
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  dataDir: string;
  embeddedDatabase: boolean;
  embeddedStore: boolean;
  llmConfigured: boolean;
  smtpConfigured: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = i.path.join('.') || 'environment';
        const got = source[name];
        const shown = got === undefined ? '' : /SECRET|PASSWORD|KEY/.test(name) ? ' (value hidden)' : ` (got "${got}")`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  const v = result.data;
  return {
    ...v,
    appUrl: (v.APP_URL ?? v.NEXTAUTH_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, ''),
    dataDir: path.resolve(v.DATA_DIR),
    embeddedDatabase: !v.DATABASE_URL,
    embeddedStore: !v.REDIS_URL,
    llmConfigured: Boolean(v.OPENAI_API_KEY),
    smtpConfigured: Boolean(v.SMTP_SERVER),
  };
}

/** The parsed settings; the first call validates and a bad value throws a ConfigError naming the variable. */
export function env(): Env {
  return singleton('fixlineEnv', () => parseEnv(process.env));
}

/** For tests and scripts that change settings at run time. */
export function resetEnv(): void {
  dropSingleton('fixlineEnv');
}
