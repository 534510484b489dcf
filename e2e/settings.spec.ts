import { expect, test } from './fixtures.ts';

test('Settings switches the provider and the list follows', async ({ page, provider }) => {
  const other = provider === 'highlevel' ? 'Exante' : 'HighLevel';
  await page.goto('/');
  await expect(
    page.getByText(`Connected to ${provider === 'highlevel' ? 'HighLevel' : 'Exante'}`),
  ).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: new RegExp(`^${other}`) }).check();
  await page.getByRole('button', { name: 'Save and connect' }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText(`Connected to ${other}`)).toBeVisible();
  await expect(
    page.getByRole('grid', { name: 'Conversations' }).getByRole('link').first(),
  ).toBeVisible();
  // The token is never part of a URL.
  expect(page.url()).not.toContain('ex_live');
});
