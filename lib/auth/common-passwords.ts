import 'server-only';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords that must not be used: the 49,000 most common ones from leaked password lists (zxcvbn-ts's common
 * dictionary, MIT licence), plus breached passwords that pass the length rule.
 */
const LONG_BREACHED = [
  '000000000000',
  '111111111111',
  '123123123123',
  '123456789012',
  '1234567890123',
  '12345678901234',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'aaaaaaaaaaaa',
  'abc123456789',
  'abcdef123456',
  'abcdefghijkl',
  'admin1234567',
  'administrator',
  'asdfasdfasdf',
  'asdfghjkl123',
  'autumn2024!!',
  'baseball1234',
  'changeme1234',
  'changeme12345',
  'computer1234',
  'dragon123456',
  'fixline12345',
  'fixlinefixline',
  'football1234',
  'iloveyou1234',
  'internet1234',
  'jennifer1234',
  'letmein12345',
  'michael12345',
  'monkey123456',
  'p@ssw0rd1234',
  'p@ssword1234',
  'passw0rd1234',
  'password!234',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'princess1234',
  'qwerty123456',
  'qwertyqwerty',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwertyuiopas',
  'spring2024!!',
  'starwars1234',
  'summer2024!!',
  'summer2025!!',
  'sunshine1234',
  'superman1234',
  'support12345',
  'technician12',
  'technician123',
  'trustno11234',
  'welcome12345',
  'welcome123456',
  'whatever1234',
  'winter2024!!',
  'winter2025!!',
  'zaq12wsxcde3',
  'zxcvbnm12345',
];

const COMMON: ReadonlySet<string> = new Set([...dictionary['passwords-common'], ...LONG_BREACHED].map((p) => p.toLowerCase()));

export const COMMON_PASSWORD_COUNT = COMMON.size;

/**
 * True for a common password (any letter case), one made of a common password repeated (`dragondragon`), or a
 * common password with only digits and symbols around it (`sunshine2024!`, `123qwerty123`).
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  const repeated = /^(.+?)\1+$/.exec(lower);
  if (repeated && COMMON.has(repeated[1])) return true;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core !== lower && core.length >= 4 && COMMON.has(core);
}
