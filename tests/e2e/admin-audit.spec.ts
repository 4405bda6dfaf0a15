import AxeBuilder from '@axe-core/playwright';
import { E2E_USERS, expect, test } from './fixtures';
import { AdminAuditPage } from './pages/admin-audit';

const admin = E2E_USERS.admin;

test.describe('the audit log', () => {
  test('shows the admin their own sign-in, filters by action and downloads the same rows as CSV @both', async ({ page, signIn }, info) => {
    await signIn('admin');
    const audit = new AdminAuditPage(page);
    await audit.goto();

    const mine = audit.rows.filter({ hasText: 'auth.sign_in' }).filter({ hasText: admin.email });
    await expect(mine.first()).toBeVisible();
    await expect(mine.first()).toContainText('success');

    // Accessibility and the look, at this project's width.
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.screenshot({
      path: `tests/e2e/screenshots/admin-audit-${info.project.name}.png`,
      fullPage: info.project.name === 'desktop',
    });

    const today = new Date().toISOString().slice(0, 10);
    await audit.filter({ action: 'auth.sign_in', actor: admin.email, from: today, to: today });
    await expect(audit.rows.first()).toBeVisible();
    for (const action of await page.getByTestId('audit-action').allTextContents()) expect(action).toBe('auth.sign_in');
    for (const actor of await page.getByTestId('audit-actor').allTextContents()) expect(actor).toContain(admin.email);
    const shown = await audit.rows.count();

    const { fileName, text } = await audit.downloadCsv();
    expect(fileName).toBe(`fixline-audit-${today}-${today}.csv`);
    const [header, ...lines] = text.trimEnd().split('\n');
    expect(header).toBe('id,created_at,action,outcome,actor_id,actor_email,target_type,target_id,ip,user_agent,request_id,details');
    expect(lines.length).toBeGreaterThanOrEqual(Math.min(shown, 50));
    for (const line of lines)
      expect(line).toMatch(new RegExp(`^\\d+,[^,]+,auth\\.sign_in,success,[0-9a-f-]{36},${admin.email.replace(/\./g, '\\.')},`));

    // The export itself is in the log.
    await audit.filter({ action: 'audit.exported', actor: admin.email, from: '', to: '' });
    await expect(audit.rows.first()).toContainText('audit.exported');
  });
});
