import 'server-only';
import { countActiveApiTokens, listApiTokens, revokeApiToken } from '@/db/queries/users';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { issueApiToken } from '@/lib/auth/tokens';
import { conflict, forbidden, notFound } from '@/lib/errors';
import { USER_POLICY } from './policy';

/** A personal API token, shown once. Only a signed-in person makes one: a token cannot mint tokens. */
export async function createToken(user: AuthUser, input: { name: string; expiresInDays: number }, meta: RequestMeta) {
  if (user.via === 'token') {
    throw forbidden('An API token cannot create API tokens. Sign in to Fixline and create one under Profile → API tokens.');
  }
  if ((await countActiveApiTokens({ userId: user.id })) >= USER_POLICY.maxActiveTokens) {
    throw conflict(`You already have ${USER_POLICY.maxActiveTokens} active API tokens. Revoke one you no longer use first.`);
  }
  const token = await issueApiToken({ userId: user.id, ...input });
  await audit({
    action: 'api_token.created',
    actor: user,
    target: { type: 'api_token', id: token.id },
    details: { name: token.name, expiresAt: token.expiresAt },
    meta,
  });
  return token;
}

export async function listTokens(user: AuthUser) {
  return listApiTokens({ userId: user.id });
}

export async function revokeToken(user: AuthUser, id: string, meta: RequestMeta) {
  if (!(await revokeApiToken({ id, userId: user.id }))) throw notFound('API token');
  await audit({ action: 'api_token.revoked', actor: user, target: { type: 'api_token', id }, details: { via: user.via }, meta });
}
