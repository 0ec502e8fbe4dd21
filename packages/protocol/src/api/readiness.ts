import { type Static, Type } from 'typebox';

/**
 * Why the server should not take traffic now; several may hold at once: the store does not answer `select 1`, a
 * migration of the code has not run on it, the reports lag past READY_MAX_REPORT_LAG_SECONDS, the data
 * directory's disk has less than READY_MIN_FREE_MB free.
 */
export const NotReadyCode = Type.Enum([
  'store_unreachable',
  'migrations_pending',
  'reports_behind',
  'disk_nearly_full',
]);
export type NotReadyCode = Static<typeof NotReadyCode>;

/** GET /ready: 200 with `ready` and no reasons, or 503 with `unavailable` and each reason (for operators, English). */
export const Readiness = Type.Object(
  {
    status: Type.Enum(['ready', 'unavailable']),
    store: Type.Enum(['sqlite', 'postgres']),
    reasons: Type.Array(
      Type.Object({ code: NotReadyCode, message: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type Readiness = Static<typeof Readiness>;
