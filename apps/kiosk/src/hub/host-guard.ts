/**
 * DNS rebinding defence for the hub service on 127.0.0.1: a web page from anywhere can make a browser on this
 * machine send requests to 127.0.0.1 under the page's own host name (a name that first resolved to the attacker,
 * then to 127.0.0.1), and the browser then lets that page read the answers. Such requests carry the attacker's
 * name in Host, so answering only requests addressed to this machine by a loopback name closes the hole.
 *
 * @param host the request's Host header (RFC 9110 §7.2), undefined when absent
 * @param port the local port the request arrived on (socket.localPort)
 * @returns whether Host is 127.0.0.1:PORT, localhost:PORT or [::1]:PORT (the bare name only on port 80, where a
 *   browser leaves the port out)
 */
export function isOwnHost(host: string | undefined, port: number | undefined): boolean {
  if (!host || port === undefined) return false;
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const given = host.toLowerCase();
  return names.some((name) => given === `${name}:${port}` || (port === 80 && given === name));
}

/** The refusal's text, for the 403 answer and the log. */
export function foreignHostMessage(host: string | undefined): string {
  return `richiesta rifiutata: Host ${JSON.stringify(host ?? '')} non è questo totem (127.0.0.1)`;
}
