import 'server-only';
import bcrypt from 'bcryptjs';
import { isCommonPassword } from './common-passwords';

/**
 * bcrypt reads at most 72 bytes of a password and silently ignores the rest, so a longer one would be no stronger
 * than its first 72 bytes (and any password sharing them would sign in). New passwords are held to that, in UTF-8
 * bytes: an accented letter takes 2, most other scripts 3, an emoji 4.
 */
export const PASSWORD_POLICY = { minLength: 12, maxBytes: 72, maxLength: 128, bcryptCost: 12 } as const;

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Returns why a password is not acceptable, or null when it is. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_POLICY.minLength) return `Password must be at least ${PASSWORD_POLICY.minLength} characters.`;
  if (utf8Bytes(password) > PASSWORD_POLICY.maxBytes) {
    return `Password must be at most ${PASSWORD_POLICY.maxBytes} bytes: ${PASSWORD_POLICY.maxBytes} plain letters, digits or symbols, fewer with accented letters, other scripts or emoji.`;
  }
  const lower = password.toLowerCase();
  if (/^(.)\1+$/.test(password)) return 'This password is a single repeated character; choose another.';
  if (isCommonPassword(lower)) return 'This password is too common; choose another.';
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

/**
 * Checks a password at sign-in. Passwords set before the 72-byte rule may be longer (up to 128 characters) and still
 * sign in, as bcrypt always compared them: by their first 72 bytes.
 */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (password.length > PASSWORD_POLICY.maxLength) return false;
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}
