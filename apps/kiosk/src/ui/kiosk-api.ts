import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { KIOSK_API_PATH, KIOSK_SECRET_META, type KioskRouter } from '@vigevano/protocol';

/** The per-launch secret the hub service wrote into this page: only this page can use the kiosk API. */
function apiSecret(): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${KIOSK_SECRET_META}"]`)?.content ?? '';
}

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${KIOSK_API_PATH}`;

/** One WebSocket for the page's lifetime; it reconnects by itself when the hub service restarts. */
const wsClient = createWSClient({ url: wsUrl, connectionParams: () => ({ secret: apiSecret() }) });

export const kioskApi = createTRPCClient<KioskRouter>({ links: [wsLink({ client: wsClient })] });
