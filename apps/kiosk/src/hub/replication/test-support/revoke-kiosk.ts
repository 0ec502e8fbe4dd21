/**
 * Revokes a kiosk the way a coordinator does, over the server's HTTP API: the admin of the demo city signs in and
 * asks for the revocation. Throws with the server's answer if either step is refused.
 */
export async function revokeKiosk(
  serverUrl: string,
  admin: { email: string; password: string },
  deviceId: string,
): Promise<void> {
  const login = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const res = await fetch(`${serverUrl}/api/devices/${deviceId}/revoke`, {
    method: 'POST',
    headers: { cookie },
  });
  if (!res.ok) throw new Error(`revoke ${deviceId}: ${res.status} ${await res.text()}`);
}
