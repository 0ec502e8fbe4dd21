import { type ApiErrorBody, type DeviceSnapshot, deviceRoutes } from '@vigevano/protocol';
import type { KioskIdentity } from './identity';

export class SyncFailure extends Error {
  override name = 'SyncFailure';
  constructor(
    message: string,
    /** the server refused this kiosk (revoked or unknown): retrying will not help, staff must act */
    readonly refused = false,
  ) {
    super(message);
  }
}

/** Fetches the kiosk's snapshot from the sync server; every failure becomes a SyncFailure in Italian. */
export async function fetchSnapshot(identity: KioskIdentity, timeoutMs = 10_000): Promise<DeviceSnapshot> {
  let res: Response;
  try {
    res = await fetch(new URL(deviceRoutes.snapshot.path, identity.serverUrl), {
      headers: { authorization: `Bearer ${identity.token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as Error).name === 'TimeoutError' ? 'nessuna risposta' : 'non raggiungibile';
    throw new SyncFailure(`server ${cause} (${identity.serverUrl})`);
  }
  if (res.ok) return (await res.json()) as DeviceSnapshot;
  const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
  if (body?.error.code === 'device_revoked')
    throw new SyncFailure(
      'questo totem è stato revocato: chiedi al coordinamento di registrarlo di nuovo',
      true,
    );
  if (res.status === 401) throw new SyncFailure('il server non riconosce questo totem', true);
  throw new SyncFailure(`il server ha risposto ${res.status}${body ? `: ${body.error.message}` : ''}`);
}
