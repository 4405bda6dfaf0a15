import 'server-only';
import crypto from 'node:crypto';
import { createApiToken } from '@/db/queries/users';

export const TOKEN_PREFIX = 'flt_';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Creates a personal API token; the plain token is returned once and only its hash is stored. */
export async function issueApiToken({ userId, name, expiresInDays }: { userId: string; name: string; expiresInDays?: number }) {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const row = await createApiToken({
    userId,
    name,
    tokenHash: hashToken(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
  });
  return { token, id: row.id, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt, createdAt: row.createdAt };
}
