import 'server-only';
import bcrypt from 'bcryptjs';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_POLICY = { minLength: 12, maxLength: 128, bcryptCost: 12 } as const;

/** Returns why a password is not acceptable, or null when it is. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_POLICY.minLength) return `Password must be at least ${PASSWORD_POLICY.minLength} characters.`;
  if (password.length > PASSWORD_POLICY.maxLength) return `Password must be at most ${PASSWORD_POLICY.maxLength} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This password is too common; choose another.';
  if (/^(.)\1+$/.test(password)) return 'This password is a single repeated character; choose another.';
  if (email && lower.includes(email.toLowerCase().split('@')[0]) && email.split('@')[0].length >= 4) {
    return 'Password must not contain your email name.';
  }
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, PASSWORD_POLICY.bcryptCost);
}

// A real hash to compare against when the account does not exist, so timing does not reveal it.
const DUMMY_HASH = '$2b$12$Cvp3cVt9qpGpHVtD7rOWkupL0x5iMWpQ/MSzvXPkXYTgG2BPmgKxq';

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (password.length > PASSWORD_POLICY.maxLength) return false;
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}
