/**
 * Kiosks update from the city's sync server, not from the internet: electron-updater's generic provider reads
 * `<server>/updates/<channel>/latest-linux.yml` and the files next to it, which a coordinator uploads. A staged
 * rollout is electron-updater's own `stagingPercentage` in that file: each kiosk takes the update when its stable
 * random id falls under the percentage.
 */
export function updateFeed(
  serverUrl: string,
  channel = 'stable',
): { provider: 'generic'; url: string; channel: string } {
  if (!/^[a-z0-9-]{1,32}$/.test(channel))
    throw new Error(`invalid update channel ${JSON.stringify(channel)}`);
  const base = new URL(serverUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new Error(`invalid server URL ${serverUrl}`);
  return {
    provider: 'generic',
    url: new URL(`updates/${channel}/`, base.href.endsWith('/') ? base : `${base.href}/`).href,
    channel,
  };
}
