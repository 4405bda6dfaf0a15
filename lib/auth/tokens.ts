import 'server-only';
import crypto from 'node:crypto';
import { createApiToken } from '@/db/queries/users';

export const TOKEN_PREFIX = 'flt_';
/** Every token expires; this is the longest it may live. */
export const TOKEN_MAX_EXPIRY_DAYS = 365;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Creates a personal API token; the plain token is returned once and only its hash is stored. */
export async function issueApiToken({
  userId,
  name,
  expiresInDays = TOKEN_MAX_EXPIRY_DAYS,
}: {
  userId: string;
  name: string;
  expiresInDays?: number;
}) {
  const days = Math.min(Math.max(1, Math.floor(expiresInDays)), TOKEN_MAX_EXPIRY_DAYS);
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const row = await createApiToken({
    userId,
    name,
    tokenHash: hashToken(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    expiresAt: new Date(Date.now() + days * 86_400_000),
  });
  return { token, id: row.id, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt!, createdAt: row.createdAt };
}
