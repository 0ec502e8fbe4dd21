import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoCity } from '../dashboard/test-support';

/** The device token of a demo kiosk of `hubId`, as the seed wrote it in the server's data directory. */
export function kioskToken(city: DemoCity, hubId: string): string {
  const dir = join(city.t.dataDir, 'kiosks');
  for (const d of readdirSync(dir)) {
    const identity = JSON.parse(readFileSync(join(dir, d, 'identity.json'), 'utf8'));
    if (identity.hubId === hubId) return identity.token as string;
  }
  throw new Error(`no demo kiosk at hub ${hubId}`);
}

/** Creates a funded operation at the hub lead's hub as a coordinator; returns its id. */
export async function operationAtOwnHub(
  city: DemoCity,
  fields: { code: string; name: string; startsOn: string; endsOn: string; targetGroup: string },
): Promise<string> {
  const op = await city.send('POST', '/api/admin/operations', 'coordinator', {
    ...fields,
    hubIds: [city.ownHub],
    plannedHours: 20,
  });
  if (op.status !== 200) throw new Error(`operation not created: ${JSON.stringify(op.body)}`);
  return op.body.operation.id as string;
}
