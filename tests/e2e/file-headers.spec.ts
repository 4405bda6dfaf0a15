import fs from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { activePdf, renderPdf } from '../helpers/pdfs';
import { expect, signInAs, test } from './fixtures';
import { KnowledgePage } from './pages/knowledge';

// What the built server (next build && next start) actually sends: stored files keep their own CSP.

const originOf = (page: Page) => new URL(page.url()).origin;

async function uploadPdf(request: APIRequestContext, origin: string, name: string, data: Uint8Array) {
  return request.post('/api/knowledge', {
    headers: { origin },
    multipart: { file: { name, mimeType: 'application/pdf', buffer: Buffer.from(data) } },
  });
}

test('a stored manual is served with its own strict CSP, not the page CSP', async ({ page, signIn }) => {
  await signIn('admin');
  const pdf = await renderPdf({ size: 'A4' }, (doc) => doc.text(`Header check manual ${Date.now()}: valve V-9 opens at 3 bar.`));
  const res = await uploadPdf(page.request, originOf(page), 'header-check.pdf', pdf);
  expect(res.status()).toBe(201);
  const { id } = (await res.json()).documents[0];
  const file = await page.request.get(`/api/knowledge/${id}/file`);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-security-policy']).toBe(
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; frame-ancestors 'self'",
  );
  expect(file.headers()['x-content-type-options']).toBe('nosniff');
  expect(file.headers()['x-frame-options']).toBeUndefined();
  expect((await page.request.delete(`/api/knowledge/${id}`, { headers: { origin: originOf(page) } })).status()).toBe(204);
});

test('an outgoing email (.eml) keeps its sandbox; exports and other API answers get a CSP that allows nothing', async ({
  page,
  browser,
  signIn,
}) => {
  await signIn('technician');
  const origin = originOf(page);
  const chat = await page.request.post('/api/chat', {
    data: { message: 'Header check: the fan hums', machineModel: 'AC-400' },
    headers: { origin },
  });
  expect(chat.ok()).toBe(true);
  const sessionId = /"sessionId":"([0-9a-f-]{36})"/.exec(await chat.text())![1];
  const escalated = await page.request.post(`/api/sessions/${sessionId}/escalate`, { data: { urgency: 'low' }, headers: { origin } });
  expect(escalated.status()).toBe(201);

  const exported = await page.request.get('/api/me/export');
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(exported.headers()['x-frame-options']).toBe('DENY');

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  let emailId = '';
  await expect
    .poll(async () => {
      const { emails } = (await (await admin.request.get('/api/admin/outbox')).json()) as { emails: { id: string }[] };
      emailId = emails[0]?.id ?? '';
      return emailId;
    })
    .not.toBe('');
  const eml = await admin.request.get(`/api/admin/outbox/${emailId}/eml`);
  expect(eml.status()).toBe(200);
  expect(eml.headers()['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
  const audit = await admin.request.get('/api/admin/audit-logs?format=csv');
  expect(audit.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  await adminContext.close();

  // Pages keep the page CSP, without eval in the production build.
  const signInPage = await page.request.get('/sign-in');
  const pageCsp = signInPage.headers()['content-security-policy'];
  expect(pageCsp).toContain("script-src 'self' 'unsafe-inline'");
  expect(pageCsp).not.toContain('unsafe-eval');
});

test('the upload form shows why a PDF with a script or an oversized file is refused', async ({ page, signIn }) => {
  await signIn('admin');
  const knowledge = new KnowledgePage(page);
  await knowledge.goto();
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'scripted.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await activePdf('open-script')) });
  await page.getByRole('button', { name: /^Upload/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: '"scripted.pdf" contains JavaScript' })).toBeVisible();

  // Refused as it passes the 50 MB limit: the browser shows the server's answer, not a network error.
  const huge = test.info().outputPath('huge.pdf');
  const big = Buffer.alloc(80 * 1024 * 1024, 0x20);
  big.write('%PDF-1.7\n');
  fs.writeFileSync(huge, big);
  await page.getByTestId('file-input').setInputFiles(huge);
  await page.getByRole('button', { name: /^Upload/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: '"huge.pdf" is larger than the 50 MB limit.' })).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/screenshots/knowledge-refused-desktop.png' });
});
