import 'server-only';
import crypto from 'node:crypto';
import { countUsers, createUser, getUserByEmail, updateUser } from '@/db/queries/users';
import type { Role } from '@/db/schema';
import { audit } from '@/lib/audit';
import { hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@demo.fixline.app', name: 'Demo Admin', role: 'admin' },
  { email: 'support@demo.fixline.app', name: 'Demo Support', role: 'support' },
  { email: 'tech@demo.fixline.app', name: 'Demo Technician', role: 'technician' },
];

export function randomPassword(): string {
  // 18 characters from a 64-symbol alphabet: ~108 bits.
  return crypto.randomBytes(14).toString('base64url').slice(0, 18);
}

/** Creates the user or updates role, name and password of an existing one. */
export async function upsertUser({ email, name, role, password }: { email: string; name?: string; role: Role; password: string }) {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError('validation_error', problem);
  const passwordHash = await hashPassword(password);
  const existing = await getUserByEmail({ email });
  if (existing) {
    const user = await updateUser({ id: existing.id, role, passwordHash, name: name ?? existing.name, disabledAt: null });
    return { user, created: false };
  }
  const user = await createUser({ email, name: name ?? email.split('@')[0], role, passwordHash });
  return { user, created: true };
}

export type AdminAccountChange = 'created' | 'password_changed' | 'unchanged';

/**
 * The ADMIN_EMAIL account, applied at every start: created as an admin when missing. An existing account keeps what
 * admins did to it since (disabled stays disabled, a changed role stays changed: the start-up reports both and does
 * not undo them); only a changed ADMIN_PASSWORD is applied, which ends the account's older sign-ins.
 */
export async function ensureAdminAccount({ email, password }: { email: string; password: string }) {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError('validation_error', problem);
  const existing = await getUserByEmail({ email });
  if (!existing) {
    const user = await createUser({ email, name: email.split('@')[0], role: 'admin', passwordHash: await hashPassword(password) });
    return { user, change: 'created' as AdminAccountChange };
  }
  if (await verifyPassword(password, existing.passwordHash)) return { user: existing, change: 'unchanged' as AdminAccountChange };
  const user = await updateUser({ id: existing.id, passwordHash: await hashPassword(password) });
  return { user, change: 'password_changed' as AdminAccountChange };
}

/** On the first start of an empty embedded database: one account per role, passwords printed once. */
export async function createDemoAccounts(): Promise<{ email: string; role: Role; password: string }[]> {
  if ((await countUsers()) > 0) return [];
  const created = [];
  for (const account of DEMO_ACCOUNTS) {
    const password = randomPassword();
    await upsertUser({ ...account, password });
    created.push({ email: account.email, role: account.role, password });
  }
  await audit({ action: 'user.demo_accounts_created', details: { emails: created.map((c) => c.email) } });
  return created;
}
