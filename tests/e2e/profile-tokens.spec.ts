import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { TokensPage } from './pages/profile';
import { SignInPage } from './pages/sign-in';

const PASSWORD = 'token owner passphrase 42';

test('a user creates an API token, sees it once, uses it, and revokes it @both', async ({ page, signIn, request }, info) => {
  // A user of this test's own: the shared accounts keep no tokens from it.
  await signIn('admin');
  const email = `tokens-${Date.now().toString(36)}-${info.project.name}@example.com`;
  const created = await page.request.post('/api/admin/users', {
    headers: { origin: new URL(page.url()).origin },
    data: { name: 'Toni Tokens', email, role: 'technician', password: PASSWORD },
  });
  expect(created.status()).toBe(201);
  await page.context().clearCookies();
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await signInPage.signIn(email, PASSWORD);
  await page.waitForURL(/\/chat/);

  // Profile is in the navigation for every role.
  await page
    .getByTestId(info.project.name === 'phone' ? 'mobile-nav' : 'main-nav')
    .getByRole('link', { name: 'Profile' })
    .click();
  const tokens = new TokensPage(page);
  await page.waitForURL(/\/profile\/tokens$/);
  await tokens.goto();
  await expect(page.getByRole('navigation', { name: 'Profile sections' }).getByRole('link')).toHaveText(['API tokens', 'Privacy & data']);

  const token = await tokens.create('Parts portal', 30);
  await expect(tokens.row('Parts portal')).toContainText('never used');
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: `tests/e2e/screenshots/profile-tokens-${info.project.name}.png`, fullPage: true });

  // The token works on the API without a cookie.
  const bearer = { authorization: `Bearer ${token}` };
  expect((await request.get('/api/sessions', { headers: bearer })).status()).toBe(200);
  // A token cannot mint tokens.
  const minted = await request.post('/api/me/tokens', { headers: bearer, data: { name: 'sneaky', expiresInDays: 30 } });
  expect(minted.status()).toBe(403);

  // Shown once: after a reload only its prefix is left, and its use is recorded.
  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  await expect(tokens.row('Parts portal')).toContainText(/last used/);

  await tokens.revoke('Parts portal');
  const refused = await request.get('/api/sessions', { headers: bearer });
  expect(refused.status()).toBe(401);
});
