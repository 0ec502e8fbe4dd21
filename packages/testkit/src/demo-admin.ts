/** A running city server whose demo seed wrote its sign-ins (startDemoServer, startCityServer). */
export interface SeededServer {
  url: string;
  logins(): Array<{ role: string; email: string; password: string }>;
}

/**
 * Signs in as the demo city's admin over the server's HTTP API, as a coordinator's browser does, and returns the
 * session cookie (`name=value`) to send with later dashboard requests. Throws naming the server's answer when the
 * seed wrote no admin or the sign-in is refused, so a test fails at the cause instead of on a later 401.
 */
export async function demoAdminCookie(server: SeededServer): Promise<string> {
  const admin = server.logins().find((l) => l.role === 'admin');
  if (!admin) throw new Error('the demo seed wrote no admin sign-in');
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  if (!res.ok) throw new Error(`admin sign-in: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie) throw new Error('admin sign-in: no session cookie');
  return cookie;
}
