import 'server-only';
import { db, violatedUniqueIndex, type Executor } from '@/db';
import {
  countActiveAdmins,
  countUsersMatching,
  createUser,
  getUserByEmail,
  getUserByIdOrThrow,
  listUsers,
  lockActiveAdmins,
  retireInvites,
  updateUser,
  type UserFilter,
} from '@/db/queries/users';
import type { Role, User } from '@/db/schema';
import { audit, type RequestMeta } from '@/lib/audit';
import { hashPassword, passwordProblem } from '@/lib/auth/password';
import type { AuthUser } from '@/lib/auth/session';
import { wakeOutbox } from '@/lib/email/outbox';
import { AppError, conflict } from '@/lib/errors';
import { randomPassword } from '@/lib/ops/accounts';
import { issueInvite } from './invites';

export { createToken, listTokens, revokeToken } from './tokens';

export function publicUser(u: User) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    phone: u.phone,
    disabled: Boolean(u.disabledAt),
    /** False until an invited user has chosen a password (or after a reset by invite). */
    hasPassword: Boolean(u.passwordHash),
    lastSignInAt: u.lastSignInAt,
    createdAt: u.createdAt,
  };
}

export async function listUsersForAdmin(query: UserFilter & { limit: number; offset: number }) {
  const [users, total, activeAdmins] = await Promise.all([listUsers(query), countUsersMatching(query), countActiveAdmins()]);
  return { users: users.map(publicUser), total, activeAdmins };
}

const LAST_ADMIN_MESSAGE = 'This is the last active admin: make another user an admin first, so someone can still manage Fixline.';

function checkedPassword(password: string, email: string): string {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError('validation_error', problem);
  return password;
}

/**
 * Creates a user with the password given, a generated one shown once (`initialPassword`), or an
 * invite link (`invite`) that lets them choose their own, which is also emailed to them.
 */
export async function createUserAsAdmin(
  input: { email: string; name: string; role: Role; password?: string; invite?: boolean; phone?: string },
  actor: AuthUser,
  meta: RequestMeta,
) {
  if (await getUserByEmail({ email: input.email })) throw conflict('A user with this email already exists.');
  const password = input.invite ? null : input.password ? checkedPassword(input.password, input.email) : randomPassword();
  const passwordHash = password ? await hashPassword(password) : null;
  try {
    const result = await db().transaction(async (tx) => {
      const user = await createUser(
        { email: input.email, name: input.name, role: input.role, phone: input.phone ?? null, passwordHash },
        tx,
      );
      const invite = input.invite ? await issueInvite(user, actor, 'welcome', tx) : undefined;
      await audit(
        {
          action: 'user.created',
          actor,
          target: { type: 'user', id: user.id },
          details: { role: user.role, credentials: invite ? 'invite' : input.password ? 'password' : 'generated_password' },
          meta,
        },
        tx,
      );
      return {
        user: publicUser(user),
        ...(invite ? { invite } : {}),
        ...(password && !input.password ? { initialPassword: password } : {}),
      };
    });
    if (result.invite) wakeOutbox();
    return result;
  } catch (error) {
    if (violatedUniqueIndex(error) === 'users_email_key') throw conflict('A user with this email already exists.');
    throw error;
  }
}

/** Refuses to leave Fixline without an active admin; run inside the transaction that makes the change. */
async function keepAnAdmin(before: User, changes: { role?: Role; disabled?: boolean }, tx: Executor) {
  const demotes = changes.role !== undefined && changes.role !== 'admin';
  if (before.role !== 'admin' || before.disabledAt || !(demotes || changes.disabled)) return;
  const admins = await lockActiveAdmins(tx);
  if (admins.length <= 1 && admins.includes(before.id))
    throw new AppError('conflict', LAST_ADMIN_MESSAGE, { details: { reason: 'last_admin' } });
}

export async function updateUserAsAdmin(
  id: string,
  changes: { name?: string; role?: Role; disabled?: boolean; password?: string; phone?: string | null },
  actor: AuthUser,
  meta: RequestMeta,
) {
  const before = await getUserByIdOrThrow({ id });
  const update: Parameters<typeof updateUser>[0] = { id };
  if (changes.name !== undefined) update.name = changes.name;
  if (changes.phone !== undefined) update.phone = changes.phone;
  if (changes.role !== undefined && changes.role !== before.role) update.role = changes.role;
  if (changes.disabled !== undefined && changes.disabled !== Boolean(before.disabledAt))
    update.disabledAt = changes.disabled ? new Date() : null;
  if (changes.password !== undefined) update.passwordHash = await hashPassword(checkedPassword(changes.password, before.email));

  const user = await db().transaction(async (tx) => {
    await keepAnAdmin(before, { role: update.role, disabled: update.disabledAt ? true : undefined }, tx);
    if (id === actor.id && ((update.role && update.role !== 'admin') || update.disabledAt)) {
      throw new AppError('conflict', 'You cannot remove your own admin role or disable yourself; ask another admin.');
    }
    const row = await updateUser(update, tx);
    if (update.passwordHash) await retireInvites({ userId: id }, tx);
    const details: Record<string, unknown> = {};
    if (update.role) details.role = { from: before.role, to: update.role };
    if ('disabledAt' in update) details.disabled = Boolean(update.disabledAt);
    if (update.passwordHash) details.passwordReset = true;
    if (update.name) details.name = true;
    if ('phone' in update) details.phone = true;
    const action = update.role
      ? 'user.role_changed'
      : 'disabledAt' in update
        ? update.disabledAt
          ? 'user.disabled'
          : 'user.enabled'
        : 'user.updated';
    await audit({ action, actor, target: { type: 'user', id }, details, meta }, tx);
    return row;
  });
  return publicUser(user);
}

/**
 * Resets a user's password: a new generated one shown once, or an invite link to choose one
 * (the old password stops working at once). Either way every existing sign-in ends.
 */
export async function resetPasswordAsAdmin(id: string, method: 'password' | 'invite', actor: AuthUser, meta: RequestMeta) {
  await getUserByIdOrThrow({ id });
  const password = method === 'password' ? randomPassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;
  const result = await db().transaction(async (tx) => {
    const user = await updateUser({ id, passwordHash }, tx);
    const invite = method === 'invite' ? await issueInvite(user, actor, 'reset', tx) : undefined;
    if (!invite) await retireInvites({ userId: id }, tx);
    await audit({ action: 'user.password_reset', actor, target: { type: 'user', id }, details: { method }, meta }, tx);
    return { user: publicUser(user), ...(invite ? { invite } : {}), ...(password ? { oneTimePassword: password } : {}) };
  });
  if (result.invite) wakeOutbox();
  return result;
}
