import type { RateLimitPolicy } from '@/lib/store';

/** Every limit the product enforces, in one place. */
export const RATE_LIMITS = {
  signInPerEmail: { name: 'signin-email', points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  signInPerIp: { name: 'signin-ip', points: 5, durationSeconds: 5 * 60, blockSeconds: 5 * 60 },
  chatPerUser: { name: 'chat-user', points: 20, durationSeconds: 60 },
  chatPerIp: { name: 'chat-ip', points: 60, durationSeconds: 60 },
  apiPerUser: { name: 'api-user', points: 300, durationSeconds: 60 },
} satisfies Record<string, RateLimitPolicy>;

export const LIMITS = {
  /** Default JSON body limit for API routes. */
  jsonBodyBytes: 64 * 1024,
  messageChars: 8_000,
  titleChars: 120,
  noteChars: 2_000,
} as const;
