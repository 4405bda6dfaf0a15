import 'server-only';
import { getUserByEmail, getUserByIdOrThrow, listApiTokens, revokeApiToken, updateUser } from '@/db/queries/users';
import type { Role, User } from '@/db/schema';
import { audit, type RequestMeta } from '@/lib/audit';
import { hashPassword, passwordProblem } from '@/lib/auth/password';
import type { AuthUser } from '@/lib/auth/session';
import { issueApiToken } from '@/lib/auth/tokens';
import { AppError, conflict, notFound } from '@/lib/errors';
import { randomPassword, upsertUser } from '@/lib/ops/accounts';

export function publicUser(u: User) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    phone: u.phone,
    disabled: Boolean(u.disabledAt),
    lastSignInAt: u.lastSignInAt,
    createdAt: u.createdAt,
  };
}

export async function createUserAsAdmin(
  input: { email: string; name: string; role: Role; password?: string; phone?: string },
  actor: AuthUser,
  meta: RequestMeta,
) {
  if (await getUserByEmail({ email: input.email })) throw conflict('A user with this email already exists.');
  if (input.password) {
    const problem = passwordProblem(input.password, input.email);
    if (problem) throw new AppError('validation_error', problem);
  }
  const password = input.password ?? randomPassword();
  const { user } = await upsertUser({ email: input.email, name: input.name, role: input.role, password });
  await audit({ action: 'user.created', actor, target: { type: 'user', id: user.id }, details: { role: user.role }, meta });
  return { user: publicUser(user), ...(input.password ? {} : { initialPassword: password }) };
}

export async function updateUserAsAdmin(
  id: string,
  changes: { name?: string; role?: Role; disabled?: boolean; password?: string; phone?: string | null },
  actor: AuthUser,
  meta: RequestMeta,
) {
  const before = await getUserByIdOrThrow({ id });
  if (id === actor.id && ((changes.role && changes.role !== 'admin') || changes.disabled)) {
    throw new AppError('conflict', 'You cannot remove your own admin role or disable yourself; ask another admin.');
  }
  const update: Parameters<typeof updateUser>[0] = { id };
  if (changes.name !== undefined) update.name = changes.name;
  if (changes.phone !== undefined) update.phone = changes.phone;
  if (changes.role !== undefined && changes.role !== before.role) update.role = changes.role;
  if (changes.disabled !== undefined && changes.disabled !== Boolean(before.disabledAt))
    update.disabledAt = changes.disabled ? new Date() : null;
  if (changes.password !== undefined) {
    const problem = passwordProblem(changes.password, before.email);
    if (problem) throw new AppError('validation_error', problem);
    update.passwordHash = await hashPassword(changes.password);
  }
  const user = await updateUser(update);
  const details: Record<string, unknown> = {};
  if (update.role) details.role = { from: before.role, to: update.role };
  if ('disabledAt' in update) details.disabled = Boolean(update.disabledAt);
  if (update.passwordHash) details.passwordReset = true;
  if (update.name) details.name = true;
  const action = update.role
    ? 'user.role_changed'
    : 'disabledAt' in update
      ? update.disabledAt
        ? 'user.disabled'
        : 'user.enabled'
      : 'user.updated';
  await audit({ action, actor, target: { type: 'user', id }, details, meta });
  return publicUser(user);
}

export async function createToken(user: AuthUser, input: { name: string; expiresInDays?: number }, meta: RequestMeta) {
  const token = await issueApiToken({ userId: user.id, ...input });
  await audit({ action: 'api_token.created', actor: user, target: { type: 'api_token', id: token.id }, meta });
  return token;
}

export async function revokeToken(user: AuthUser, id: string, meta: RequestMeta) {
  if (!(await revokeApiToken({ id, userId: user.id }))) throw notFound('API token');
  await audit({ action: 'api_token.revoked', actor: user, target: { type: 'api_token', id }, meta });
}

export { listApiTokens };
