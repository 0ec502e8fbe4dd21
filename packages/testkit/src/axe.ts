import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now. Returns the violations (empty when clean), each with
 * the rule and the elements, so a failing test says what to fix.
 */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; help: string; targets: string[] }>> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}
