import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** axe-core's tags for WCAG 2.0 and 2.1 at levels A and AA. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** axe-core's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 adds target size and focus rules). */
export const WCAG_22_AA = [...WCAG_21_AA, 'wcag22aa'];

/** One axe-core rule broken: its id, its one-line help, and the CSS selectors of the elements that break it. */
export interface AxeViolation {
  id: string;
  help: string;
  targets: string[];
}

/**
 * axe-core's rules with `tags` (WCAG 2.1 A/AA unless told) on the page as it is now. Returns the violations
 * (empty when clean), each with the rule and the elements, so a failing test says what to fix.
 */
export async function axeViolations(
  page: Page,
  tags: readonly string[] = WCAG_21_AA,
): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({ page }).withTags([...tags]).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}
