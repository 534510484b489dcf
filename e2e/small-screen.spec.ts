import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { conversationGrid as list, expect, test } from './fixtures.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

const scroller = (page: Page) => list(page).getByRole('rowgroup').nth(1);

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** Every one of these is at least 44 × 44 px (WCAG 2.5.5 touch target size). */
async function expectTouchSized(targets: Locator) {
  const boxes = await targets.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { what: el.outerHTML.slice(0, 80), height: Math.round(r.height) };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  expect(boxes.filter((b) => b.height < 44)).toEqual([]);
}

test('list and conversation are two screens; Back keeps the place and the focus', async ({
  page,
}) => {
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expectTouchSized(list(page).locator('[role="row"] label'));

  await scroller(page).evaluate((el) => (el.scrollTop = 1360));
  const row = list(page).locator('[role="row"][aria-rowindex="24"]');
  const name = (await row.getByRole('link').textContent())?.replace(' (unread)', '') ?? '';
  await row.getByRole('link').click();

  await expect(page).toHaveURL(/\/conversations\//);
  const pane = page.getByRole('complementary', { name: 'Reading pane' });
  await expect(pane.getByRole('heading', { name })).toBeVisible();
  // Focus follows the agent onto the new screen.
  await expect(pane.getByRole('heading', { name })).toBeFocused();
  await expect(list(page)).toBeHidden();
  const back = pane.getByRole('link', { name: 'Back' });
  await expectTouchSized(back);
  await expect(pane.getByRole('link', { name: 'Close' })).toHaveCount(0);
  await expectNoViolations(page);

  await back.click();
  await expect(pane).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  await expect(list(page)).toBeVisible();
  expect(await scroller(page).evaluate((el) => el.scrollTop)).toBe(1360);
  await expect(page.locator(':focus')).toHaveAttribute('aria-rowindex', '24');
});

test('filters open as a sheet with touch-sized controls, and apply to the list', async ({
  page,
  api,
  provider,
}) => {
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  await expectNoViolations(page);

  const open = page.getByRole('button', { name: /^Filters/ });
  await open.click();
  const sheet = page.getByRole('dialog', { name: 'Filters' });
  await expect(sheet).toBeVisible();
  await expectTouchSized(sheet.locator('label, button, select'));
  await expectNoViolations(page);

  await sheet.getByRole('radio', { name: 'unread' }).check();
  await expect(page).toHaveURL(/\?read=unread$/);
  await sheet.getByRole('button', { name: 'Show conversations' }).click();
  await expect(sheet).toHaveCount(0);
  await expect(open).toBeFocused();

  const { ids } = await api.firstPage(
    provider === 'highlevel' ? { status: 'unread' } : { is_read: 'false' },
    3,
  );
  await expect
    .poll(() =>
      list(page)
        .getByRole('link')
        .evaluateAll((els) =>
          els
            .slice(0, 3)
            .map((el) =>
              decodeURIComponent(
                /\/conversations\/([^?]+)/.exec(el.getAttribute('href') ?? '')?.[1] ?? '',
              ),
            ),
        ),
    )
    .toEqual(ids);
});

test('the small-screen layout passes axe in dark mode too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(page.getByRole('dialog', { name: 'Filters' })).toBeVisible();
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
  await list(page).getByRole('link').first().click();
  await expect(page.getByRole('link', { name: 'Back' })).toBeVisible();
  await expectNoViolations(page);
});

test('on a phone: select by touch, act on all matching with undo, and see new conversations', async ({
  page,
  api,
}) => {
  await page.clock.install();
  const { contact } = await api.addConversations(60, true);
  await page.goto(`/?contact=${encodeURIComponent(contact ?? '')}`);
  await list(page).getByRole('checkbox', { name: 'Select all loaded conversations' }).tap();
  const toolbar = page.getByRole('toolbar', { name: 'Selected conversations' });
  const selectAll = toolbar.getByRole('button', { name: 'Select all 60 matching' });
  await expect(selectAll).toBeVisible();
  await expectTouchSized(toolbar.getByRole('button'));
  await selectAll.tap();
  await toolbar.getByRole('button', { name: 'Mark read' }).tap();
  await expect(page.getByRole('status').filter({ hasText: /^Marked read/ })).toHaveText(
    'Marked read 60 conversations.',
  );
  await expectTouchSized(page.getByRole('button', { name: /^(Undo|Dismiss)$/ }));
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Undo' }).tap();
  await expect(page.getByRole('status').filter({ hasText: /^Undid/ })).toBeVisible();

  await page.goto('/');
  await expect(list(page).getByRole('link').first()).toBeVisible();
  await api.addConversations(1);
  await page.clock.fastForward(16_000);
  const pill = page.getByRole('button', { name: '1 new conversation' });
  await expect(pill).toBeVisible();
  await expectTouchSized(pill);
  await expectNoViolations(page);
});
