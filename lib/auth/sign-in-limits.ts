import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import { RATE_LIMITS } from '@/lib/policies';
import { penalise, resetLimit, retryAfterSeconds } from '@/lib/rate-limit';
import { store } from '@/lib/store';

/**
 * Failed sign-ins are limited without letting anyone lock an account's owner out:
 *
 * - One address and one account (`signInPerIpEmail`): 5 failures in 10 minutes, then that address must wait for the
 *   rest of the 10 minutes before trying that account again, right password or not. A success clears it. This is what
 *   slows a single guesser down to 30 guesses an hour, and it never touches the owner on another network.
 * - One address, any accounts (`signInPerIp`): 30 failures in 15 minutes, against one address trying many accounts.
 * - One account, any addresses (`signInPerEmail`): 50 failures in an hour, against guessing spread over many
 *   addresses. It pauses sign-ins to that account only from addresses it has not signed in from in the last 30 days:
 *   the owner at their usual place still gets in, an attacker's new addresses do not. (An owner on a new network
 *   during such an attack waits out the hour, or an admin resets their password.)
 *
 * The address an account signed in from is remembered (hashed with the email) for 30 days, and such a known address
 * is limited only by its own failures on that account, never by the other two limits.
 */
export const KNOWN_ADDRESS_DAYS = 30;

export type SignInRefusal = { code: 'RateLimited' | 'RateLimitedAccount'; retryAfterSeconds: number };

const pairKey = (email: string, ip: string) => `${ip}|${email}`;
const knownKey = (email: string, ip: string) =>
  `auth:known-address:${crypto.createHash('sha256').update(`${email}|${ip}`).digest('base64url')}`;

/** Why a sign-in attempt is refused before its password is checked, or null when it may go ahead. */
export async function signInRefusal(email: string, ip: string): Promise<SignInRefusal | null> {
  const [pair, known] = await Promise.all([
    retryAfterSeconds(RATE_LIMITS.signInPerIpEmail, pairKey(email, ip)),
    store()
      .get(knownKey(email, ip))
      .catch(() => null),
  ]);
  if (pair) return { code: 'RateLimited', retryAfterSeconds: pair };
  if (known) return null;
  const [byIp, byEmail] = await Promise.all([
    retryAfterSeconds(RATE_LIMITS.signInPerIp, ip),
    retryAfterSeconds(RATE_LIMITS.signInPerEmail, email),
  ]);
  if (byIp) return { code: 'RateLimited', retryAfterSeconds: byIp };
  if (byEmail) return { code: 'RateLimitedAccount', retryAfterSeconds: byEmail };
  return null;
}

export async function recordFailedSignIn(email: string, ip: string): Promise<void> {
  await Promise.all([
    penalise(RATE_LIMITS.signInPerIpEmail, pairKey(email, ip)),
    penalise(RATE_LIMITS.signInPerIp, ip),
    penalise(RATE_LIMITS.signInPerEmail, email),
  ]);
}

/** A success clears the address's failures on the account and makes it a known address of the account. */
export async function recordSignInSuccess(email: string, ip: string): Promise<void> {
  await Promise.all([
    resetLimit(RATE_LIMITS.signInPerIpEmail, pairKey(email, ip)),
    store()
      .set(knownKey(email, ip), '1', KNOWN_ADDRESS_DAYS * 86_400)
      .catch(() => {}),
  ]);
}

/**
 * The refusal of the sign-in request being answered, so the sign-in route can send `Retry-After` (next-auth turns a
 * refusal into an error code and nothing more).
 */
const refusals = new AsyncLocalStorage<{ refusal?: SignInRefusal }>();

export async function withSignInRefusal(fn: () => Promise<Response>): Promise<{ response: Response; refusal?: SignInRefusal }> {
  const scope: { refusal?: SignInRefusal } = {};
  const response = await refusals.run(scope, fn);
  return { response, refusal: scope.refusal };
}

export function noteRefusal(refusal: SignInRefusal): void {
  const scope = refusals.getStore();
  if (scope) scope.refusal = refusal;
}
