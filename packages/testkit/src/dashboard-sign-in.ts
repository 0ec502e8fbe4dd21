import { expect, type Page } from '@playwright/test';
import type { DemoServer } from './processes';

/** Signs `page` in to the dashboard of a demo server as its demo login of `role`, and waits for the home page. */
export async function signInToDashboard(page: Page, server: DemoServer, role: string): Promise<void> {
  const login = server.logins().find((l) => l.role === role);
  if (!login) throw new Error(`no demo login for ${role}`);
  await page.goto(server.url);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { name: 'La città oggi' })).toBeVisible();
}
