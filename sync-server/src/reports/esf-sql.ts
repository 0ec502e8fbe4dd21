import type { EsfRule } from '@vigevano/protocol';
import { type RawBuilder, sql } from 'kysely';

const COLUMN = {
  gender: 'gender',
  employment: 'employment',
  education: 'education',
  birthYear: 'birth_year',
} as const;

/**
 * An ESF+ line's rule (packages/protocol ESF_LINES) as a SQL condition, the same rule esfRuleMatches applies in
 * TypeScript. It reads `m.visitor_id` and `m.y` (the participant and the year, text 'YYYY') and `p`, the people row
 * LEFT JOINed on the visitor (all NULL when no personal data were recorded). Values are bound as literals from the
 * table, never from input.
 */
export function esfCondition(rule: EsfRule): RawBuilder<boolean> {
  const groups = (more: RawBuilder<unknown>) =>
    sql`EXISTS (SELECT 1 FROM person_disadvantages d WHERE d.visitor_id = m.visitor_id ${more})`;
  switch (rule.kind) {
    case 'everyone':
      return sql<boolean>`1 = 1`;
    case 'value':
      return sql<boolean>`p.${sql.ref(COLUMN[rule.trait])} = ${sql.lit(rule.value)}`;
    case 'not_recorded':
      return rule.trait === 'disadvantaged'
        ? sql<boolean>`(p.visitor_id IS NULL OR p.disadvantaged_recorded = 0)`
        : sql<boolean>`p.${sql.ref(COLUMN[rule.trait])} IS NULL`;
    case 'age': {
      const age = sql`(CAST(m.y AS INTEGER) - p.birth_year)`;
      const from = rule.from === undefined ? sql`` : sql` AND ${age} >= ${sql.lit(rule.from)}`;
      const below = rule.below === undefined ? sql`` : sql` AND ${age} < ${sql.lit(rule.below)}`;
      return sql<boolean>`(p.birth_year IS NOT NULL${from}${below})`;
    }
    case 'group':
      return sql<boolean>`(p.disadvantaged_recorded = 1 AND ${groups(sql`AND d.grp = ${sql.lit(rule.group)}`)})`;
    case 'no_group':
      return sql<boolean>`(p.disadvantaged_recorded = 1 AND NOT ${groups(sql``)})`;
  }
}
