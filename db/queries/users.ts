import 'server-only';
import { and, asc, eq, gt, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { apiTokens, userInvites, users, type NewUser, type Role, type User, type UserInvite } from '@/db/schema';
import { notFound } from '@/lib/errors';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById({ id }: { id: string }, tx: Executor = db()): Promise<User | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function getUserByIdOrThrow({ id }: { id: string }, tx: Executor = db()): Promise<User> {
  const user = await getUserById({ id }, tx);
  if (!user) throw notFound('User');
  return user;
}

export async function getUserByEmail({ email }: { email: string }, tx: Executor = db()): Promise<User | undefined> {
  const [row] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normaliseEmail(email)}`)
    .limit(1);
  return row;
}

export async function createUser(values: NewUser, tx: Executor = db()): Promise<User> {
  const [row] = await tx
    .insert(users)
    .values({ ...values, email: normaliseEmail(values.email) })
    .returning();
  return row;
}

/**
 * Changes that must end every existing sign-in (role, disabled, password) bump the session version; a new password
 * (or none, for a reset by invite) also revokes the user's API tokens, which were made with the old one.
 */
export async function updateUser(
  { id, ...changes }: { id: string } & Partial<Pick<User, 'name' | 'role' | 'passwordHash' | 'disabledAt' | 'phone'>>,
  tx: Executor = db(),
): Promise<User> {
  const revokes = 'role' in changes || 'passwordHash' in changes || 'disabledAt' in changes;
  const [row] = await tx
    .update(users)
    .set({
      ...changes,
      updatedAt: new Date(),
      ...(revokes ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
    })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw notFound('User');
  if ('passwordHash' in changes) {
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)));
  }
  return row;
}

export async function recordSignIn({ id }: { id: string }, tx: Executor = db()): Promise<void> {
  await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
}

export interface UserFilter {
  /** Part of the name or email, matched literally (no wildcards). */
  search?: string;
  role?: Role;
  disabled?: boolean;
}

function userFilter({ search, role, disabled }: UserFilter): SQL | undefined {
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const filters = [
    role ? eq(users.role, role) : undefined,
    disabled === undefined ? undefined : disabled ? isNotNull(users.disabledAt) : isNull(users.disabledAt),
    pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
  ].filter(Boolean);
  return filters.length ? and(...filters) : undefined;
}

export async function listUsers(
  { limit = 100, offset = 0, ...filter }: UserFilter & { limit?: number; offset?: number },
  tx: Executor = db(),
): Promise<User[]> {
  return tx
    .select()
    .from(users)
    .where(userFilter(filter))
    .orderBy(asc(users.role), asc(users.createdAt), asc(users.id))
    .limit(limit)
    .offset(offset);
}

export async function countUsersMatching(filter: UserFilter, tx: Executor = db()): Promise<number> {
  return tx.$count(users, userFilter(filter));
}

export async function countActiveAdmins(tx: Executor = db()): Promise<number> {
  return tx.$count(users, and(eq(users.role, 'admin'), isNull(users.disabledAt)));
}

/**
 * The ids of the admins who are not disabled, with their rows locked until the transaction ends:
 * two admins demoting each other at the same moment are decided one after the other.
 */
export async function lockActiveAdmins(tx: Executor): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
    .for('update');
  return rows.map((r) => r.id);
}

export async function countUsers(tx: Executor = db()): Promise<number> {
  return tx.$count(users);
}

// ---------------------------------------------------------------- API tokens

export async function createApiToken(
  values: { userId: string; name: string; tokenHash: string; prefix: string; expiresAt?: Date | null },
  tx: Executor = db(),
) {
  const [row] = await tx.insert(apiTokens).values(values).returning();
  return row;
}

export async function getApiTokenWithUser({ tokenHash }: { tokenHash: string }, tx: Executor = db()) {
  const [row] = await tx
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function touchApiToken({ id }: { id: string }, tx: Executor = db()): Promise<void> {
  await tx.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

export async function countActiveApiTokens({ userId }: { userId: string }, tx: Executor = db()): Promise<number> {
  return tx.$count(
    apiTokens,
    and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`))),
  );
}

export async function listApiTokens({ userId }: { userId: string }, tx: Executor = db()) {
  return tx
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      createdAt: apiTokens.createdAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(sql`${apiTokens.createdAt} desc`);
}

export async function revokeApiToken({ id, userId }: { id: string; userId: string }, tx: Executor = db()): Promise<boolean> {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), sql`${apiTokens.revokedAt} is null`))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------- invites

export async function createInvite(
  values: { userId: string; tokenHash: string; createdById: string | null; expiresAt: Date },
  tx: Executor = db(),
): Promise<UserInvite> {
  const [row] = await tx.insert(userInvites).values(values).returning();
  return row;
}

/** Ends the user's open invites (a newer one replaces them, or the password was set another way). */
export async function retireInvites({ userId }: { userId: string }, tx: Executor = db()): Promise<void> {
  await tx
    .update(userInvites)
    .set({ usedAt: new Date() })
    .where(and(eq(userInvites.userId, userId), isNull(userInvites.usedAt)));
}

export async function getInviteWithUser({ tokenHash }: { tokenHash: string }, tx: Executor = db()) {
  const [row] = await tx
    .select({ invite: userInvites, user: users })
    .from(userInvites)
    .innerJoin(users, eq(users.id, userInvites.userId))
    .where(eq(userInvites.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** Marks the invite used if it still is open and unexpired; false when another request got there first. */
export async function claimInvite({ id }: { id: string }, tx: Executor = db()): Promise<boolean> {
  const rows = await tx
    .update(userInvites)
    .set({ usedAt: new Date() })
    .where(and(eq(userInvites.id, id), isNull(userInvites.usedAt), gt(userInvites.expiresAt, sql`now()`)))
    .returning({ id: userInvites.id });
  return rows.length > 0;
}
