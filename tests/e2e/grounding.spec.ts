import type { Page } from '@playwright/test';
import { saysNotCovered } from '@/lib/escalation/policy';
import { expect, test, useDemoManual } from './fixtures';
import { ChatPage } from './pages/chat';

// The e2e model answers like a grounded model: when the app notes that its search found no passage
// that clearly answers the question, it says the manuals do not cover it and cites nothing.
const NOT_COVERED = 'How do I pair the AC-400 controller with my iPhone over Bluetooth?';
const COVERED = 'ac400 shows E07, what do i check';
/** The E07 pages of the demo manual: the fault code table and the discharge temperature procedure. */
const E07_PAGES = [21, 27];

/** The conversation's last answer as stored: its text and citations. */
async function storedAnswer(page: Page, sessionId: string) {
  const detail = (await (await page.request.get(`/api/sessions/${sessionId}`)).json()) as {
    messages: { role: string; content: string; citations: { page: number }[] }[];
  };
  return detail.messages.filter((m) => m.role === 'assistant').at(-1)!;
}

test.describe('answers grounded in the manuals', () => {
  let manual: Awaited<ReturnType<typeof useDemoManual>>;
  test.beforeAll(async ({ browser }, info) => {
    test.setTimeout(150_000);
    manual = await useDemoManual(browser, info.project.use.baseURL!, 'AC-400 service manual (grounding test)');
  });
  test.afterAll(async () => {
    await manual?.dispose();
  });

  test('a question the manuals do not cover is declined with an offer to escalate; a covered one is cited @both', async ({
    page,
    signIn,
  }, info) => {
    await signIn('technician');
    const chat = new ChatPage(page);
    await chat.startNew();
    await chat.setMachine('AC-400');

    // Not in the manual: said plainly, nothing cited, escalation offered.
    await chat.send(NOT_COVERED);
    const declinedSession = await chat.waitForSessionId();
    await chat.expectAnswerStatus('complete');
    const declined = await storedAnswer(page, declinedSession);
    expect(saysNotCovered(declined.content), `the answer says the manuals do not cover it: "${declined.content}"`).toBe(true);
    expect(declined.citations, `cited for "${NOT_COVERED}"`).toEqual([]);
    await expect(chat.lastAnswer()).toContainText('The manuals do not cover this');
    await expect(chat.lastAnswer().getByTestId('citation-marker')).toHaveCount(0);
    await expect(chat.sources()).toHaveCount(0);
    await expect(chat.offer).toBeVisible();
    await expect(chat.offer).toContainText('Would you like to escalate');
    await expect(chat.offer.getByRole('button', { name: 'Escalate' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing is wider than the screen').toBe(
      true,
    );
    await page.screenshot({ path: `tests/e2e/screenshots/grounding-decline-${info.project.name}.png` });

    // Covered, in a conversation of its own (escalation is offered once per conversation): cited, no offer.
    await chat.startNew();
    await chat.setMachine('AC-400');
    await chat.send(COVERED);
    const citedSession = await chat.waitForSessionId();
    await chat.expectAnswerStatus('complete');
    const cited = await storedAnswer(page, citedSession);
    expect(saysNotCovered(cited.content)).toBe(false);
    expect(cited.citations.length, `citations for "${COVERED}"`).toBeGreaterThan(0);
    await expect(chat.lastAnswer().getByTestId('citation-marker').first()).toBeVisible();
    await expect(chat.sources().first()).toBeVisible();
    const pages = await chat.sourcePages();
    expect(
      pages.some((p) => E07_PAGES.includes(p)),
      `a source at page ${E07_PAGES.join(' or ')}; cited pages ${pages.join(', ')}`,
    ).toBe(true);
    await expect(chat.offer).toHaveCount(0);

    await chat.deleteConversation();
  });
});
