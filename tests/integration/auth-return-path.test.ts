import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '@/lib/auth/return-path';

const APP = 'http://localhost:3000';

describe('where sign-in returns to', () => {
  it.each([
    ['/escalations/123', '/escalations/123'],
    ['/chat/abc?x=1#m-2', '/chat/abc?x=1#m-2'],
    ['/knowledge/../admin', '/admin'],
    ['http://localhost:3000/chat/abc', '/chat/abc'],
  ])('keeps a path on this site: %s', (value, path) => {
    expect(safeReturnPath(value, APP)).toBe(path);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(document.cookie)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example.com/phish',
    '/\\evil.example.com',
    '\\\\evil.example.com',
    '/\t/evil.example.com',
    'https://evil.example.com/chat',
    'http://localhost:3001/chat',
    'http://%%%',
    '%%%',
    'chat/abc',
    '',
    '/sign-in?callbackUrl=/chat',
    '/api/auth/signout',
    `/${'a'.repeat(3000)}`,
  ])('falls back to the home page for %s', (value) => {
    expect(safeReturnPath(value, APP)).toBeNull();
  });

  it('takes only strings', () => {
    expect(safeReturnPath(undefined)).toBeNull();
    expect(safeReturnPath(['/chat'])).toBeNull();
    // Without the app's origin, only a path is taken.
    expect(safeReturnPath('http://localhost:3000/chat')).toBeNull();
  });
});
