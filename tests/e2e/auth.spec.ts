import { expect, test, E2E_USERS } from './fixtures';
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
