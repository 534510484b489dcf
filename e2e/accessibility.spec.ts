import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type ProviderName } from './fixtures.ts';

const list = (page: Page) => page.getByRole('grid', { name: 'Conversations' });

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

/** The list endpoint of each embedded API, as a fault-plan glob (matched at the path end). */
const listPath: Record<ProviderName, string> = {
  highlevel: '**/conversations/search',
  exante: '**/api/conversations',
};

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

    test('a failed load', async ({ page, request, provider, expectConsoleErrors }) => {
      expectConsoleErrors(/Failed to load resource/);
      const faults = await request.post('/parley/test/faults', {
        data: { faults: [{ match: { method: 'GET', path: listPath[provider] }, kind: '500' }] },
      });
      expect(faults.ok()).toBe(true);
      try {
        await page.goto('/');
        await expect(page.getByRole('alert')).toContainText('Could not load conversations');
        await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
        await expect(
          page.getByRole('status').filter({ hasText: 'Could not load conversations.' }),
        ).toHaveCount(1);
        await expectNoViolations(page);
      } finally {
        await request.delete('/parley/test/faults');
      }
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
