/** A running demo server as the login helper needs it: its address and the credentials the demo seed wrote. */
export interface ServerWithLogins {
  url: string;
  logins(): Array<{ role: string; email: string; password: string }>;
}

/**
 * Signs in to the dashboard API as the demo city's admin and answers the session cookie as `name=value`, ready
 * for a `cookie` request header. Throws if the demo has no admin or the server refuses the login.
 */
export async function adminCookie(server: ServerWithLogins): Promise<string> {
  const admin = server.logins().find((l) => l.role === 'admin');
  if (!admin) throw new Error('the demo city has no admin login');
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  if (!login.ok) throw new Error(`admin login refused: ${login.status} ${await login.text()}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
}
