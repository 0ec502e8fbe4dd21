import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoKiosk {
  dir: string;
  deviceId: string;
  hubName: string;
  name: string;
}

/** The kiosk identities the demo seed wrote; the first (by hub name, then kiosk name) is started. */
export function pickDemoKiosk(dataDir: string): DemoKiosk {
  const kiosksDir = join(dataDir, 'kiosks');
  if (!existsSync(kiosksDir)) throw new Error(`no demo kiosk in ${kiosksDir}: the demo city was not seeded`);
  const kiosks = readdirSync(kiosksDir)
    .map((id) => join(kiosksDir, id))
    .filter((dir) => existsSync(join(dir, 'identity.json')))
    .map((dir) => {
      const identity = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as DemoKiosk;
      return { dir, deviceId: identity.deviceId, hubName: identity.hubName, name: identity.name };
    })
    .sort((a, b) => a.hubName.localeCompare(b.hubName) || a.name.localeCompare(b.name));
  const first = kiosks[0];
  if (!first) throw new Error(`no kiosk identity in ${kiosksDir}`);
  return first;
}

export function readDemoCredentials(dataDir: string): { email: string; password: string } {
  const file = join(dataDir, 'demo-credentials.json');
  if (!existsSync(file)) throw new Error(`demo credentials missing: ${file}`);
  const all = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  // The seed may list one user or several (one per role); the admin comes first.
  const list = Array.isArray(all) ? all : [all];
  const admin = (list as Array<{ email: string; password: string; role?: string }>).find(
    (u) => u.role === undefined || u.role === 'admin',
  );
  if (!admin) throw new Error(`no administrator in ${file}`);
  return { email: admin.email, password: admin.password };
}

/** The facilitator PIN and card of a demo hub (written by the seed), for the printed instructions. */
export function readDemoFacilitator(
  dataDir: string,
  hubName: string,
): { pin: string; card?: string } | undefined {
  const file = join(dataDir, 'demo-facilitators.json');
  if (!existsSync(file)) return undefined;
  const all = JSON.parse(readFileSync(file, 'utf8')) as Array<{
    hubName: string;
    pin: string;
    card?: string;
  }>;
  return all.find((f) => f.hubName === hubName);
}
