import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceSnapshot } from '@vigevano/protocol';

// The last snapshot from the server, so a kiosk that starts with no network still shows its hub, sessions and
// content. Written to a temporary file, flushed, then renamed over the old one: a power cut leaves either the
// old snapshot or the new one, never half of one. (The RxDB database of the hub-service issue replaces this.)

export function snapshotPath(dataDir: string): string {
  return join(dataDir, 'snapshot.json');
}

export function saveSnapshot(dataDir: string, snapshot: DeviceSnapshot): void {
  const target = snapshotPath(dataDir);
  const temporary = `${target}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(snapshot));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
}

/** The cached snapshot, or undefined if there is none or it cannot be read (then the next sync rewrites it). */
export function loadSnapshot(dataDir: string): DeviceSnapshot | undefined {
  const path = snapshotPath(dataDir);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as DeviceSnapshot;
  } catch {
    return undefined;
  }
}
