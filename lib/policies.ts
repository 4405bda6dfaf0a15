import 'server-only';
import { env } from '@/lib/env';
import type { RateLimitPolicy } from '@/lib/store';

/** Request rates of sign-in, chat and the API. (Upload limits: lib/knowledge/limits.ts; mail: lib/email/policy.ts.) */
export const RATE_LIMITS = {
  // Failed sign-ins (lib/auth/sign-in-limits.ts says how they combine): one address guessing one account's password...
  signInPerIpEmail: { name: 'signin-ip-email', points: 5, durationSeconds: 10 * 60 },
  // ...one address trying many accounts...
  signInPerIp: { name: 'signin-ip', points: 30, durationSeconds: 15 * 60 },
  // ...and many addresses guessing one account, which only pauses sign-ins from addresses the account has not used.
  signInPerEmail: { name: 'signin-email', points: 50, durationSeconds: 60 * 60 },
  get chatPerUser() {
    return { name: 'chat-user', points: env().RATE_LIMIT_CHAT_PER_USER, durationSeconds: 60 };
  },
  get chatPerIp() {
    return { name: 'chat-ip', points: env().RATE_LIMIT_CHAT_PER_IP, durationSeconds: 60 };
  },
  apiPerUser: { name: 'api-user', points: 300, durationSeconds: 60 },
} satisfies Record<string, RateLimitPolicy>;

export const LIMITS = {
  /** Default JSON body limit for API routes. */
  jsonBodyBytes: 64 * 1024,
  messageChars: 8_000,
  /** A conversation's title, as the technician renames it. */
  titleChars: 120,
  noteChars: 2_000,
} as const;

export const CHAT_POLICY = {
  /** SSE comment sent this often so proxies keep the stream open. */
  heartbeatSeconds: 15,
  /**
   * A stream sends an answer's first token at once; tokens that follow within this window go out
   * together, as one event (fewer writes and renders; no one reads faster than a screen redraws).
   */
  tokenWindowMs: 20,
  /** An answer nobody is reading any more (no open stream) is stopped after this long. */
  get detachGraceSeconds() {
    return env().CHAT_DETACH_GRACE_SECONDS;
  },
  /** A streaming answer saves its text this often; one silent for staleSeconds is from a dead server. */
  checkpointSeconds: 2,
  staleSeconds: 10,
  /** Token budget of the conversation sent to the model (system prompt and sources included). */
  contextTokens: 6_000,
  sourcesPerAnswer: 6,
} as const;
