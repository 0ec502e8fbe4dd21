/**
 * How many pushes are being applied right now, for background work that gives way to them (the report feed): on
 * SQLite a push waits for whatever holds the one connection, so kiosks coming back online should not queue behind
 * work that can wait.
 */
let inFlight = 0;

export function pushesInFlight(): number {
  return inFlight;
}

export async function trackPush<T>(work: () => Promise<T>): Promise<T> {
  inFlight += 1;
  try {
    return await work();
  } finally {
    inFlight -= 1;
  }
}
