import 'server-only';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { apiTokens, users, type NewUser, type Role, type User } from '@/db/schema';
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

/** Changes that must end every existing sign-in (role, disabled, password) bump the session version. */
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
  return row;
}

export async function recordSignIn({ id }: { id: string }, tx: Executor = db()): Promise<void> {
  await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
}

export async function listUsers(
  { search, role, limit = 100, offset = 0 }: { search?: string; role?: Role; limit?: number; offset?: number },
  tx: Executor = db(),
): Promise<User[]> {
  const filters = [
    role ? eq(users.role, role) : undefined,
    search ? or(ilike(users.email, `%${search}%`), ilike(users.name, `%${search}%`)) : undefined,
  ].filter(Boolean);
  return tx
    .select()
    .from(users)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(users.role), asc(users.createdAt))
    .limit(limit)
    .offset(offset);
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
