import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures';
import { ChatPage } from './pages/chat';
import { ConsentCard, ConsentsAdminPage, PrivacyPage } from './pages/privacy';
import { SignInPage } from './pages/sign-in';

async function expectAccessible(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a new technician is asked for consent, chats, downloads their data and deletes the account @both', async ({
  browser,
  page,
  baseURL,
}, info) => {
  const email = `privacy-${info.project.name}-${Date.now().toString(36)}@example.com`;
  const password = 'privacy e2e passphrase 7';

  // An admin creates the technician; the consents page lists them as not asked yet.
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = info.project.use;
  const adminContext = await browser.newContext({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, baseURL });
  const admin = await adminContext.newPage();
  await signInAs(admin, 'admin');
  const created = await admin.request.post('/api/admin/users', {
    headers: { origin: new URL(baseURL!).origin },
    data: { email, name: 'Pat Privacy', role: 'technician', password },
  });
  expect(created.status()).toBe(201);
  const consents = new ConsentsAdminPage(admin);
  await consents.goto();
  await expect(consents.rows.first()).toBeVisible();
  await expectAccessible(admin);
  await admin.screenshot({ path: `tests/e2e/screenshots/admin-consents-${info.project.name}.png` });
  await consents.search.fill(email);
  await expect(consents.rows).toHaveCount(1);
  await expect(consents.rows.first()).toContainText('Not asked yet');

  // The technician signs in: the chat asks first, the message box is closed until they accept.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  await page.waitForURL(/\/chat/);
  const chat = new ChatPage(page);
  await chat.startNew();
  const card = new ConsentCard(page);
  await expect(card.card).toBeVisible();
  await expect(card.card).toContainText('What is processed');
  await expect(chat.input).toBeDisabled();
  await expectAccessible(page);
  await page.screenshot({ path: `tests/e2e/screenshots/chat-consent-${info.project.name}.png` });
  // The server refuses a chat request without consent, whatever the page shows.
  const refused = await page.request.post('/api/chat', { headers: { origin: new URL(baseURL!).origin }, data: { message: 'E07?' } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('consent_required');

  await card.accept.click();
  await expect(card.card).toBeHidden();
  await expect(chat.input).toBeEnabled();
  await chat.send('The AC-400 shows E07 after ten minutes');
  await chat.expectAnswerStatus('complete');

  // The admin sees the consent, with its version.
  await consents.search.fill('');
  await consents.search.fill(email);
  await expect(consents.rows.first()).toContainText('Consented');
  await adminContext.close();

  // Privacy & data: the consent is shown, the download holds the conversation.
  const privacy = new PrivacyPage(page);
  await privacy.goto();
  await expect(privacy.consentState).toContainText('You consented');
  await expectAccessible(page);
  await page.screenshot({ path: `tests/e2e/screenshots/profile-privacy-${info.project.name}.png`, fullPage: true });
  const data = (await privacy.download()) as {
    profile: { email: string };
    sessions: { messages: { role: string; content: string }[] }[];
    consents: { version: string }[];
    apiTokens: unknown[];
  };
  expect(data.profile.email).toBe(email);
  expect(data.sessions).toHaveLength(1);
  expect(data.sessions[0].messages[0]).toMatchObject({ role: 'user', content: 'The AC-400 shows E07 after ten minutes' });
  expect(data.sessions[0].messages[1].role).toBe('assistant');
  expect(data.consents).toHaveLength(1);

  // Deleting needs the email typed in the dialog.
  await privacy.openDelete();
  await expect(privacy.confirmButton).toBeDisabled();
  await privacy.confirmInput.fill('someone-else@example.com');
  await expect(privacy.confirmButton).toBeDisabled();
  await privacy.confirmInput.fill(email);
  await expect(privacy.confirmButton).toBeEnabled();
  await privacy.confirmButton.click();
  await page.waitForURL(/\/sign-in/);

  // Signed out, and the account is gone.
  await page.goto('/chat');
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn.signIn(email, password);
  await signIn.expectError(/Email or password is incorrect/);
});
