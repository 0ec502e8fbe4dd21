/**
 * The kiosks a document is aimed at (issue 17, item 3), as info-screen items and urgent notices state them: hubs
 * (empty: every hub), then within those hubs single kiosks (`deviceIds`) and kiosk groups (`tags`).
 */
export interface Targeting {
  /** empty: every hub of the city */
  hubIds: readonly string[];
  /** single kiosks; absent or empty together with `tags`: every kiosk of the hubs */
  deviceIds?: readonly string[];
  /** kiosk groups (a kiosk's `devices.tags`) */
  tags?: readonly string[];
}

/** A kiosk as targeting sees it: its id, its hub and its tags (the devices document's `tags`, absent: none). */
export interface TargetKiosk {
  id: string;
  hubId: string;
  tags?: readonly string[];
}

/**
 * Whether kiosk `kiosk` is aimed at: (hubIds is empty or names the kiosk's hub) AND (deviceIds and tags are both
 * empty or absent, or deviceIds names the kiosk, or tags share a tag with the kiosk's tags). The one rule kiosks
 * and the server apply (docs/architecture.md, issue 17 "Targeting rule").
 */
export function targetsKiosk(target: Targeting, kiosk: TargetKiosk): boolean {
  if (target.hubIds.length > 0 && !target.hubIds.includes(kiosk.hubId)) return false;
  const deviceIds = target.deviceIds ?? [];
  const tags = target.tags ?? [];
  if (deviceIds.length === 0 && tags.length === 0) return true;
  if (deviceIds.includes(kiosk.id)) return true;
  return (kiosk.tags ?? []).some((t) => tags.includes(t));
}
