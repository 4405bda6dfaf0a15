import 'server-only';
import { and, count, desc, eq, ilike, isNull, notLike, or, sql, type SQL } from 'drizzle-orm';
import { db, type Executor } from '@/db';
import { aiUserConsents, users, type Role, type UserConsent } from '@/db/schema';

/** A user's consent now: the latest record decides (a newer version supersedes an older one). */
export async function getLatestConsent({ userId }: { userId: string }, tx: Executor = db()): Promise<UserConsent | undefined> {
  const [row] = await tx
    .select()
    .from(aiUserConsents)
    .where(eq(aiUserConsents.userId, userId))
    .orderBy(desc(aiUserConsents.grantedAt), desc(aiUserConsents.id))
    .limit(1);
  return row;
}

/** Whether the user's latest consent is to `version` and not withdrawn: one indexed row. */
export async function hasActiveConsent({ userId, version }: { userId: string; version: string }, tx: Executor = db()): Promise<boolean> {
  const row = await getLatestConsent({ userId }, tx);
  return Boolean(row && row.version === version && !row.withdrawnAt);
}

export async function insertConsent(
  values: { userId: string; version: string; ip?: string | null; userAgent?: string | null },
  tx: Executor = db(),
): Promise<UserConsent> {
  const [row] = await tx.insert(aiUserConsents).values(values).returning();
  return row;
}

/** Marks every consent of the user not yet withdrawn as withdrawn now; the records stay as history. */
export async function withdrawConsents({ userId }: { userId: string }, tx: Executor = db()): Promise<number> {
  const rows = await tx
    .update(aiUserConsents)
    .set({ withdrawnAt: new Date() })
    .where(and(eq(aiUserConsents.userId, userId), isNull(aiUserConsents.withdrawnAt)))
    .returning({ id: aiUserConsents.id });
  return rows.length;
}

export async function listConsentsForUser({ userId }: { userId: string }, tx: Executor = db()) {
  return tx
    .select({
      version: aiUserConsents.version,
      grantedAt: aiUserConsents.grantedAt,
      withdrawnAt: aiUserConsents.withdrawnAt,
    })
    .from(aiUserConsents)
    .where(eq(aiUserConsents.userId, userId))
    .orderBy(desc(aiUserConsents.grantedAt));
}

export type ConsentState = 'current' | 'outdated' | 'withdrawn' | 'none';

export interface ConsentListFilter {
  currentVersion: string;
  search?: string;
  state?: ConsentState;
  role?: Role;
  /** Email addresses ending so are placeholders of deleted accounts, left out. */
  excludeEmailSuffix?: string;
  limit?: number;
  offset?: number;
}

function latestConsent(tx: Executor) {
  return tx
    .select({
      version: aiUserConsents.version,
      grantedAt: aiUserConsents.grantedAt,
      withdrawnAt: aiUserConsents.withdrawnAt,
    })
    .from(aiUserConsents)
    .where(eq(aiUserConsents.userId, users.id))
    .orderBy(desc(aiUserConsents.grantedAt), desc(aiUserConsents.id))
    .limit(1)
    .as('latest');
}

function stateOf(latest: ReturnType<typeof latestConsent>, currentVersion: string): SQL<ConsentState> {
  return sql<ConsentState>`case
    when ${latest.grantedAt} is null then 'none'
    when ${latest.withdrawnAt} is not null then 'withdrawn'
    when ${latest.version} = ${currentVersion} then 'current'
    else 'outdated' end`;
}

function userFilters(f: ConsentListFilter): SQL[] {
  const parts: SQL[] = [];
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(users.email, like), ilike(users.name, like))!);
  }
  if (f.role) parts.push(eq(users.role, f.role));
  if (f.excludeEmailSuffix) parts.push(notLike(users.email, `%${f.excludeEmailSuffix}`));
  return parts;
}

/** Every user with their latest consent, the most recent change first; users who never consented last. */
export async function listConsentStates(f: ConsentListFilter, tx: Executor = db()) {
  const latest = latestConsent(tx);
  const state = stateOf(latest, f.currentVersion);
  const filters = userFilters(f);
  if (f.state) filters.push(sql`${state} = ${f.state}`);
  return tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      state,
      version: latest.version,
      grantedAt: latest.grantedAt,
      withdrawnAt: latest.withdrawnAt,
    })
    .from(users)
    .leftJoinLateral(latest, sql`true`)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(sql`coalesce(${latest.withdrawnAt}, ${latest.grantedAt}) desc nulls last`, users.email)
    .limit(f.limit ?? 50)
    .offset(f.offset ?? 0);
}

/** How many users are in each consent state, under the same filters except the state. */
export async function countConsentStates(f: ConsentListFilter, tx: Executor = db()): Promise<Record<ConsentState, number>> {
  const latest = latestConsent(tx);
  const state = stateOf(latest, f.currentVersion);
  const filters = userFilters(f);
  const rows = await tx
    .select({ state, n: count() })
    .from(users)
    .leftJoinLateral(latest, sql`true`)
    .where(filters.length ? and(...filters) : undefined)
    .groupBy(sql`1`); // by position: the state expression carries a parameter
  const counts: Record<ConsentState, number> = { current: 0, outdated: 0, withdrawn: 0, none: 0 };
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}
