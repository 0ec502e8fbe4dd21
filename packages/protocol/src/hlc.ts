// A hybrid logical clock (Kulkarni et al., 2014): a timestamp that follows the wall clock when it can and never
// goes backwards when it cannot, so check-ins from kiosks whose clocks disagree still sort in causal order.
// Text form: wall time and counter in fixed-width base 36, then the node (device) id, so plain string order is
// clock order: `0mi5x8k2w-0000-01JD…`.

export interface Hlc {
  wallMs: number;
  counter: number;
  node: string;
}

const WALL_WIDTH = 9;
const COUNTER_WIDTH = 4;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;

export function formatHlc(hlc: Hlc): string {
  return `${hlc.wallMs.toString(36).padStart(WALL_WIDTH, '0')}-${hlc.counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${hlc.node}`;
}

export function parseHlc(text: string): Hlc | undefined {
  const match = /^([0-9a-z]{9})-([0-9a-z]{4})-(.{1,40})$/.exec(text);
  if (!match) return undefined;
  return {
    wallMs: Number.parseInt(match[1] as string, 36),
    counter: Number.parseInt(match[2] as string, 36),
    node: match[3] as string,
  };
}

/** The clock after a local event at wall time `now`. */
export function tickHlc(last: Hlc | undefined, now: number, node: string): Hlc {
  if (!last || now > last.wallMs) return { wallMs: now, counter: 0, node };
  return bump(last.wallMs, last.counter + 1, node);
}

/** The clock after receiving `remote` (from another kiosk or the server) at wall time `now`. */
export function receiveHlc(last: Hlc | undefined, remote: Hlc, now: number, node: string): Hlc {
  const lastWall = last?.wallMs ?? 0;
  const wallMs = Math.max(lastWall, remote.wallMs, now);
  if (wallMs === now && now > lastWall && now > remote.wallMs) return { wallMs, counter: 0, node };
  const counter =
    wallMs === lastWall && wallMs === remote.wallMs
      ? Math.max(last?.counter ?? 0, remote.counter) + 1
      : wallMs === lastWall
        ? (last?.counter ?? 0) + 1
        : remote.counter + 1;
  return bump(wallMs, counter, node);
}

function bump(wallMs: number, counter: number, node: string): Hlc {
  // 1.7 million events in one millisecond cannot happen on a kiosk; if it does, borrow the next millisecond.
  return counter > MAX_COUNTER ? { wallMs: wallMs + 1, counter: 0, node } : { wallMs, counter, node };
}
