import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { conversationGrid as list, expect, test } from './fixtures.ts';

/** Every WCAG 2.0 / 2.1 A and AA rule axe has; a violation lists its rule and nodes. */
async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

test('the scan fails on a real violation (the harness can fail)', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Too faint to read';
    p.style.color = '#d4d4d4';
    document.querySelector('main')?.append(p);
  });
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2aa']).analyze();
  expect(violations.map((v) => v.id)).toContain('color-contrast');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${colorScheme} mode`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test('the list, the filters panel and the reading pane', async ({ page }) => {
      await page.goto('/');
      await expect(list(page).getByRole('link').first()).toBeVisible();
      // The polite live region says how many conversations the view has.
      await expect(
        page.getByRole('status').filter({ hasText: /^[\d,]+ conversations$/ }),
      ).toHaveCount(1);
      await expectNoViolations(page);

      await page.getByRole('button', { name: /^Filters/ }).click();
      await expect(page.getByRole('region', { name: 'Filters' })).toBeVisible();
      await expectNoViolations(page);
      await page.getByRole('button', { name: /^Filters/ }).click();

      await list(page).getByRole('link').first().click();
      const pane = page.getByRole('complementary', { name: 'Reading pane' });
      await expect(pane.getByRole('listitem').first()).toBeVisible();
      await expectNoViolations(page);
    });

    test('the Display menu, and the list compact', async ({ page }) => {
      await page.goto('/');
      await expect(list(page).getByRole('link').first()).toBeVisible();
      await page.getByRole('button', { name: 'Display' }).click();
      await page
        .getByRole('group', { name: 'Density' })
        .getByRole('radio', { name: 'Compact' })
        .check();
      await expectNoViolations(page);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('group', { name: 'Density' })).toBeHidden();
      await expectNoViolations(page);
    });

    test('the list and a conversation on a phone', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/');
      await expect(list(page).getByRole('link').first()).toBeVisible();
      await expectNoViolations(page);
      await list(page).getByRole('link').first().click();
      const pane = page.getByRole('complementary', { name: 'Reading pane' });
      await expect(pane.getByRole('listitem').first()).toBeVisible();
      await expectNoViolations(page);
    });

    test('settings', async ({ page }) => {
      await page.goto('/settings');
      await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
      await expectNoViolations(page);
    });

    test('an empty result', async ({ page }) => {
      await page.goto('/?q=zzqxnothingmatchesthis');
      await expect(page.getByText('No conversations match this view.')).toBeVisible();
      await expectNoViolations(page);
    });

    test('a failed load', async ({ page, faults, expectConsoleErrors }) => {
      expectConsoleErrors(/Failed to load resource/);
      await faults.set([{ match: { method: 'GET', path: faults.listPath }, kind: '500' }]);
      await page.goto('/');
      await expect(page.getByRole('alert')).toContainText('Could not load conversations');
      await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
      await expect(
        page.getByRole('status').filter({ hasText: 'Could not load conversations.' }),
      ).toHaveCount(1);
      await expectNoViolations(page);
    });

    test('a bulk run over every matching conversation, and its summary', async ({ page, api }) => {
      const { contact } = await api.addConversations(60, true);
      await page.goto(`/?contact=${encodeURIComponent(contact ?? '')}`);
      await list(page).getByRole('checkbox', { name: 'Select all loaded conversations' }).check();
      const toolbar = page.getByRole('toolbar', { name: 'Selected conversations' });
      await expect(toolbar.getByRole('button', { name: 'Select all 60 matching' })).toBeVisible();
      await expectNoViolations(page);
      await toolbar.getByRole('button', { name: 'Select all 60 matching' }).click();
      await toolbar.getByRole('button', { name: 'Mark read' }).click();
      await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
      await expectNoViolations(page);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect(page.getByRole('status').filter({ hasText: /^Undid/ })).toBeVisible();
    });

    test('the new-conversations pill, the offline notice and the reconnect banner', async ({
      page,
      api,
      context,
      faults,
      expectConsoleErrors,
    }) => {
      expectConsoleErrors(/Failed to load resource/);
      await page.clock.install();
      await page.goto('/');
      await expect(list(page).getByRole('link').first()).toBeVisible();
      await api.addConversations(2);
      await page.clock.fastForward(16_000);
      await expect(page.getByRole('button', { name: '2 new conversations' })).toBeVisible();
      await expectNoViolations(page);

      await context.setOffline(true);
      await expect(page.getByText('You are offline.')).toBeVisible();
      await expectNoViolations(page);
      await context.setOffline(false);

      await faults.set([{ match: { path: '/' }, kind: '401' }]);
      await page.getByRole('button', { name: '2 new conversations' }).click();
      await expect(page.getByRole('region', { name: /session has expired/ })).toBeVisible();
      await expectNoViolations(page);
    });

    test('the shortcut cheat sheet', async ({ page }) => {
      await page.goto('/');
      await expect(list(page).getByRole('link').first()).toBeVisible();
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
