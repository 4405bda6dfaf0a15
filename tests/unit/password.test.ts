import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/password';
import { oneLine } from '@/lib/log';

describe('password policy', () => {
  it.each([
    ['short', /at least 12/],
    ['x'.repeat(73), /at most 72 bytes/],
    ['é'.repeat(37), /at most 72 bytes/],
    ['password1234', /too common/],
    ['aaaaaaaaaaaaaaaa', /too common|repeated/],
    ['jane.doe-is-the-best', /email name/],
  ])('refuses %s', (password, reason) => {
    expect(passwordProblem(password, 'jane.doe@example.com')).toMatch(reason);
  });

  it('accepts a long passphrase, up to 72 bytes', () => {
    expect(passwordProblem('ember lantern quarry 7', 'jane@example.com')).toBeNull();
    expect(passwordProblem('p'.repeat(36) + 'Q'.repeat(36))).toBeNull();
  });

  it('hashes with bcrypt cost 12 and verifies', async () => {
    const hash = await hashPassword('ember lantern quarry 7');
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword('ember lantern quarry 7', hash)).toBe(true);
    expect(await verifyPassword('ember lantern quarry 8', hash)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });
});

describe('log and header safety', () => {
  it('turns CR/LF and control characters into spaces', () => {
    expect(oneLine('Jane\r\nBcc: everyone@example.com\u0000')).toBe('Jane Bcc: everyone@example.com ');
  });
});
