import type { Browser } from '@playwright/test';
import { expect, signInAs, test, E2E_USERS } from './fixtures';
import { SignInPage } from './pages/sign-in';

const NAV_BY_ROLE = {
  technician: ['Chat', 'Profile'],
  support: ['Chat', 'Escalations', 'Profile'],
  admin: ['Chat', 'Escalations', 'Knowledge', 'Admin', 'Profile'],
} as const;

for (const [role, labels] of Object.entries(NAV_BY_ROLE) as [keyof typeof NAV_BY_ROLE, readonly string[]][]) {
  test(`${role} signs in, sees the navigation of the role, and signs out`, async ({ page, signIn }) => {
    await signIn(role);
    const nav = page.getByTestId('main-nav');
    await expect(nav.getByRole('link')).toHaveText(labels as string[]);
    await expect(page.getByTestId('user-name')).toHaveText(E2E_USERS[role].name);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    // The old session is gone: protected pages send us back to sign-in.
    await page.goto('/chat');
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test('a wrong password shows a clear message and does not sign in', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_USERS.technician.email, 'definitely the wrong password');
  await signIn.expectError(/Email or password is incorrect/);
  await page.goto('/chat');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a technician is refused an admin page and an admin API route', async ({ page, signIn }) => {
  await signIn('technician');
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await page.goto('/knowledge');
  await expect(page).toHaveURL(/\/forbidden/);
  const res = await page.request.get('/api/admin/users');
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
});

test('signed-out visitors are sent to sign-in and the API answers 401', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in/);
  const res = await page.request.get('/api/sessions');
  expect([401, 404]).toContain(res.status());
});

test('the sign-in page and app shell look right on a phone @phone', async ({ page, signIn }) => {
  await page.goto('/sign-in');
  await page.screenshot({ path: 'tests/e2e/screenshots/sign-in-phone.png' });
  await signIn('admin');
  await expect(page.getByTestId('mobile-nav').getByRole('link')).toHaveText(['Chat', 'Escalations', 'Knowledge', 'Admin', 'Profile']);
  await page.screenshot({ path: 'tests/e2e/screenshots/shell-phone.png' });
});

test('the security headers are set on pages and API responses', async ({ page }) => {
  const res = await page.goto('/sign-in');
  const headers = res!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  const api = await page.request.get('/api/health');
  expect(api.headers()['x-request-id']).toBeTruthy();
  await page.screenshot({ path: 'tests/e2e/screenshots/sign-in-desktop.png' });
});

/** A conversation with an answer and an escalation, made through the API by a signed-in technician in its own context. */
async function conversationWithEscalation(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInAs(page, 'technician');
  const origin = new URL(baseURL).origin;
  const chat = await page.request.post('/api/chat', {
    data: { message: 'Compressor trips after a minute', machineModel: 'AC-400', serialNumber: 'SN-3107' },
    headers: { origin },
  });
  expect(chat.ok()).toBe(true);
  const sessionId = /"sessionId":"([0-9a-f-]{36})"/.exec(await chat.text())![1];
  const res = await page.request.post(`/api/sessions/${sessionId}/escalate`, {
    data: { urgency: 'normal', phone: '+44 20 7946 0018' },
    headers: { origin },
  });
  expect(res.status()).toBe(201);
  const { escalation } = (await res.json()) as { escalation: { id: string } };
  await context.close();
  return { sessionId, escalationId: escalation.id };
}

test('a link opened signed out comes back to its page after sign-in: an escalation for support, a conversation for its technician', async ({
  page,
  browser,
  baseURL,
}) => {
  const { sessionId, escalationId } = await conversationWithEscalation(browser, baseURL!);
  const signIn = new SignInPage(page);

  // The link of an escalation email.
  await page.goto(`/escalations/${escalationId}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signIn.signIn(E2E_USERS.support.email, E2E_USERS.support.password);
  await page.waitForURL((url) => url.pathname === `/escalations/${escalationId}`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);

  // The link to a conversation.
  await page.goto(`/chat/${sessionId}?from=email`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signIn.signIn(E2E_USERS.technician.email, E2E_USERS.technician.password);
  await page.waitForURL((url) => url.pathname === `/chat/${sessionId}` && url.search === '?from=email');
  await expect(page.getByText('Compressor trips after a minute').first()).toBeVisible();
});

test('a callbackUrl to another site, another scheme or garbage shows the sign-in page and leads home', async ({ page }) => {
  for (const bad of [
    'javascript:alert(1)',
    'javascript%3Aalert(document.cookie)',
    'https://evil.example.com/',
    '//evil.example.com',
    '%%%',
    '/\\evil.example.com',
  ]) {
    const res = await page.goto(`/sign-in?callbackUrl=${bad}`);
    expect(res!.status(), bad).toBe(200);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  }
  // next-auth's own sign-in address sends to the sign-in page with what it was given.
  const viaNextAuth = await page.goto('/api/auth/signin?callbackUrl=javascript:alert(1)');
  expect(viaNextAuth!.status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByTestId('sign-in-error')).toHaveCount(0);
  const signIn = new SignInPage(page);
  await signIn.signIn(E2E_USERS.technician.email, E2E_USERS.technician.password);
  await page.waitForURL((url) => url.pathname === '/chat');
  // Signed in already, the page sends a same-site callbackUrl on and a foreign one home.
  await page.goto('/sign-in?callbackUrl=/profile/tokens');
  await page.waitForURL((url) => url.pathname === '/profile/tokens');
  await page.goto('/sign-in?callbackUrl=javascript:alert(1)');
  await page.waitForURL((url) => url.pathname === '/chat');
});

test('repeated failures from one address are refused with a clear message @both', async ({ page }, testInfo) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  const email = `nobody-${Date.now().toString(36)}@example.com`;
  for (let i = 0; i < 5; i++) {
    await signIn.signIn(email, `a wrong password number ${i}`);
    await signIn.expectError(/Email or password is incorrect/);
  }
  await signIn.signIn(email, 'one more wrong password');
  await signIn.expectError(/Too many failed sign-ins from this network/);
  await page.screenshot({ path: `tests/e2e/screenshots/sign-in-limited-${testInfo.project.name}.png` });
});

test('before its script has run, the sign-in form cannot send the password in the address', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  await page.getByLabel('Email').fill(E2E_USERS.technician.email);
  await page.getByLabel('Password').fill('not-in-any-address-42');
  await page.getByLabel('Password').press('Enter');
  await page.waitForTimeout(500);
  expect(page.url()).not.toContain('not-in-any-address');
  expect(await page.locator('form').getAttribute('method')).toBe('post');
  await context.close();
});
