// CORS preflights are answered before any route runs; other requests never pass that step.
import { expect, test } from './fixtures';

const ALLOWED = 'https://tools.example.com';

test('answers a preflight from an allowed origin with the CORS headers', async ({ request }) => {
  const res = await request.fetch('/api/chat', {
    method: 'OPTIONS',
    headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
  expect(res.status()).toBe(204);
  expect(res.headers()['access-control-allow-origin']).toBe(ALLOWED);
  expect(res.headers()['access-control-allow-methods']).toContain('POST');
  expect(res.headers()['access-control-allow-headers']).toContain('authorization');
});

test('refuses a preflight from any other origin, without CORS headers', async ({ request }) => {
  const res = await request.fetch('/api/chat', {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'POST' },
  });
  expect(res.status()).toBe(403);
  expect(res.headers()['access-control-allow-origin']).toBeUndefined();
});

test('gives an allowed origin the CORS headers on the actual request (even an error), and others none', async ({ request }) => {
  const allowed = await request.get('/api/sessions', { headers: { origin: ALLOWED } });
  expect(allowed.status()).toBe(401);
  expect(allowed.headers()['access-control-allow-origin']).toBe(ALLOWED);
  const other = await request.get('/api/sessions', { headers: { origin: 'https://evil.example.net' } });
  expect(other.status()).toBe(401);
  expect(other.headers()['access-control-allow-origin']).toBeUndefined();
});
