import { expect, idFromHref, test } from './fixtures.ts';

test('an API without stars shows no star controls', async ({ page, provider }) => {
  test.skip(provider !== 'exante', 'HighLevel can star');
  await page.goto('/');
  await expect(
    page.getByRole('grid', { name: 'Conversations' }).getByRole('link').first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Star conversation/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Starred' })).toHaveCount(0);
});

test.describe('starring', () => {
  test.skip(({ provider }) => provider !== 'highlevel', 'only HighLevel can star');

  test('a star survives a reload and reaches the API', async ({ page, api }) => {
    await page.goto('/');
    const row = page.getByRole('grid', { name: 'Conversations' }).getByRole('row').nth(4);
    const star = row.getByRole('button', { name: /^Star conversation/ });
    const id = idFromHref(await row.getByRole('link').getAttribute('href'));
    const was = (await star.getAttribute('aria-pressed')) === 'true';

    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', String(!was));
    await expect.poll(async () => (await api.state(id)).starred).toBe(!was);

    await page.reload();
    const again = page
      .locator(`[role="row"]:has(a[href^="/conversations/${id}"])`)
      .getByRole('button', { name: /^Star conversation/ });
    await expect(again).toHaveAttribute('aria-pressed', String(!was));
  });

  test('a failed star is rolled back with a message', async ({
    page,
    api,
    expectConsoleErrors,
  }) => {
    expectConsoleErrors(/Failed to load resource/);
    await page.route('**/conversations/*', (route) =>
      route.request().method() === 'PUT' ? route.abort('failed') : route.fallback(),
    );
    await page.goto('/');
    const row = page.getByRole('grid', { name: 'Conversations' }).getByRole('row').nth(6);
    const star = row.getByRole('button', { name: /^Star conversation/ });
    const id = idFromHref(await row.getByRole('link').getAttribute('href'));
    const was = (await star.getAttribute('aria-pressed')) === 'true';

    await star.click();
    await expect(page.getByRole('alert')).toContainText(
      /Could not (un)?star the conversation with/,
    );
    await expect(star).toHaveAttribute('aria-pressed', String(was));
    expect((await api.state(id)).starred).toBe(was);
  });
});
