import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AdminUsersPage } from './pages/admin-users';
import { SignInPage } from './pages/sign-in';

const unique = (what: string) => `${what}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

async function expectAccessible(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Signs in a person in a browser of their own; returns the page where it ended. */
async function signInFresh(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  return { page, signIn, close: () => context.close() };
}

test('an admin creates a user with a one-time password, changes the role and disables them @both', async ({
  page,
  signIn,
  browser,
}, info) => {
  await signIn('admin');
  const users = new AdminUsersPage(page);
  await users.goto();
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  await expectAccessible(page);

  const email = unique('otp');
  const name = `Pat ${info.project.name}`;
  const password = await users.create({ name, email, role: 'Technician' }, 'password');
  expect(password).toHaveLength(18);
  await expectAccessible(page);
  await users.closeDialog();
  await expect(users.row(email)).toContainText('Technician');
  await page.screenshot({ path: `tests/e2e/screenshots/admin-users-${info.project.name}.png` });
  await users.search(email);
  await expect(page.getByTestId('user-row')).toHaveCount(1);

  // The new user signs in with the password handed over.
  const pat = await signInFresh(browser, email, password);
  await pat.page.waitForURL(/\/chat/);

  // A role change ends their sign-in at once.
  await users.changeRole(name, 'Support');
  await expect(users.row(email).getByTestId('user-role')).toHaveText('Support');
  await pat.page.goto('/escalations');
  await expect(pat.page).toHaveURL(/\/sign-in/);

  await users.disable(name);
  await expect(users.row(email)).toContainText('Disabled');
  await pat.signIn.signIn(email, password);
  await pat.signIn.expectError(/This account is disabled/);
  await pat.close();
});

test('an admin cannot change their own role or disable themselves: the page says why', async ({ page, signIn }) => {
  await signIn('admin');
  const users = new AdminUsersPage(page);
  await users.goto();
  // Signed in as yourself, your own role and access are locked.
  const dialog = await users.manage('Alex Admin');
  await expect(dialog.getByTestId('lock-reason')).toBeVisible();
  await expect(dialog.getByLabel('Role')).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Disable…' })).toBeDisabled();
});

test('an invite link lets the new user choose a password and sign in @both', async ({ page, signIn, browser }, info) => {
  await signIn('admin');
  const users = new AdminUsersPage(page);
  await users.goto();
  const email = unique('invite');
  const link = await users.create({ name: `Ivy ${info.project.name}`, email, role: 'Technician' }, 'invite');
  expect(link).toMatch(/\/invite\/fli_[A-Za-z0-9_-]+$/);
  await users.closeDialog();
  await users.search(email);
  await expect(users.row(email)).toContainText('Invited');

  const context = await browser.newContext();
  const ivy = await context.newPage();
  await ivy.goto(new URL(link).pathname);
  await expect(ivy.getByRole('heading', { name: `Welcome, Ivy ${info.project.name}` })).toBeVisible();
  await expect(ivy.getByLabel('Email')).toHaveValue(email);
  await expectAccessible(ivy);
  await ivy.screenshot({ path: `tests/e2e/screenshots/invite-${info.project.name}.png` });

  // Two different passwords are caught before anything is sent; a weak one is refused by the server.
  await ivy.getByLabel('New password').fill('ivy chooses a long passphrase');
  await ivy.getByLabel('Repeat the password').fill('something else entirely');
  await ivy.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(ivy.getByTestId('invite-error')).toHaveText('The two passwords are not the same.');
  await ivy.getByLabel('New password').fill('password1234');
  await ivy.getByLabel('Repeat the password').fill('password1234');
  await ivy.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(ivy.getByTestId('invite-error')).toContainText('too common');

  await ivy.getByLabel('New password').fill('ivy chooses a long passphrase');
  await ivy.getByLabel('Repeat the password').fill('ivy chooses a long passphrase');
  await ivy.getByRole('button', { name: 'Set password and sign in' }).click();
  await ivy.waitForURL(/\/chat/);
  await expect(ivy.getByTestId(info.project.name === 'phone' ? 'mobile-nav' : 'main-nav')).toBeVisible();

  // The link works once.
  await ivy.goto(new URL(link).pathname);
  await expect(ivy.getByTestId('invite-closed')).toContainText('already been used');
  await context.close();

  const again = await signInFresh(browser, email, 'ivy chooses a long passphrase');
  await again.page.waitForURL(/\/chat/);
  await again.close();
});
