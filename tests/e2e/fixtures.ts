import { test as base, expect, type Page } from '@playwright/test';
import type { Role } from '@/db/schema';
import { SignInPage } from './pages/sign-in';
import { E2E_USERS } from './users';

export async function signInAs(page: Page, role: Role) {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_USERS[role].email, E2E_USERS[role].password);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export const test = base.extend<{ signIn: (role: Role) => Promise<void> }>({
  signIn: async ({ page }, use) => {
    await use((role) => signInAs(page, role));
  },
});

export { expect, E2E_USERS };
