import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import type { Role } from '@/db/schema';
import { SignInPage } from './pages/sign-in';
import { E2E_USERS } from './users';

export async function signInAs(page: Page, role: Role) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_USERS[role].email, E2E_USERS[role].password);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

const DEMO_MANUAL = path.resolve(__dirname, '../../assets/demo-manual/aerotech-ac-400-service-manual.pdf');

/**
 * A ready copy of the demo manual, uploaded as admin through the API (with `title`) unless an
 * earlier spec left one; only a copy made here is deleted by `dispose`.
 */
export async function useDemoManual(browser: Browser, baseURL: string, title: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInAs(page, 'admin');
  const request = page.request;
  const headers = { origin: new URL(baseURL).origin };
  const { documents } = (await (await request.get('/api/knowledge')).json()) as {
    documents: { id: string; fileName: string; status: string }[];
  };
  let id = documents.find((d) => d.fileName === path.basename(DEMO_MANUAL) && d.status !== 'retired' && d.status !== 'failed')?.id;
  const uploaded = !id;
  if (!id) {
    const res = await request.post('/api/knowledge', {
      headers,
      multipart: {
        file: { name: path.basename(DEMO_MANUAL), mimeType: 'application/pdf', buffer: fs.readFileSync(DEMO_MANUAL) },
        title,
        machineModels: 'AC-400',
      },
    });
    expect(res.status()).toBe(201);
    id = ((await res.json()) as { documents: { id: string }[] }).documents[0].id;
  }
  await expect
    .poll(async () => ((await (await request.get(`/api/knowledge/${id}`)).json()) as { document: { status: string } }).document.status, {
      timeout: 90_000,
    })
    .toBe('ready');
  return {
    id,
    async dispose() {
      if (uploaded) expect((await request.delete(`/api/knowledge/${id}`, { headers })).status()).toBe(204);
      await context.close();
    },
  };
}

export const test = base.extend<{ signIn: (role: Role) => Promise<void> }>({
  signIn: async ({ page }, use) => {
    await use((role) => signInAs(page, role));
  },
});

export { expect, E2E_USERS };
