import { type Static, Type } from 'typebox';

/** Why the server should not take traffic now; several may hold at once. */
export const NotReadyCode = Type.Union([
  Type.Literal('store_unreachable'),
  Type.Literal('migrations_pending'),
  Type.Literal('reports_behind'),
  Type.Literal('disk_nearly_full'),
]);
export type NotReadyCode = Static<typeof NotReadyCode>;

/** GET /ready: 200 with `ready` and no reasons, or 503 with `unavailable` and each reason (for operators, English). */
export const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
    store: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
    reasons: Type.Array(
      Type.Object({ code: NotReadyCode, message: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type Readiness = Static<typeof Readiness>;
