/**
 * The server's tables. Booleans are 0/1 integers and times are milliseconds since the epoch in BIGINT columns,
 * so the same rows and queries work on SQLite and PostgreSQL.
 */
export interface Database {
  /** one row per replicated document (ARCHITECTURE.md's collections), the JSON body as sent and validated */
  documents: {
    collection: string;
    id: string;
    /** the hub a `hub`-scoped document belongs to; null for city-wide ones */
    hub_id: string | null;
    body: string;
    deleted: number;
    /** the collection's time of the event (checkins: deviceTime, sessions: startsAt), for range queries */
    at: number | null;
    updated_at: number;
  };
  users: {
    id: string;
    email: string;
    name: string;
    role: string;
    hub_id: string | null;
    password_hash: string;
    created_at: number;
  };
  auth_sessions: {
    /** SHA-256 of the cookie value: a stolen database does not hold usable sessions */
    token_hash: string;
    user_id: string;
    created_at: number;
    expires_at: number;
  };
  device_credentials: {
    device_id: string;
    /** SHA-256 of the device's bearer token */
    token_hash: string;
    revoked: number;
    created_at: number;
  };
  enrolment_codes: {
    code_hash: string;
    hub_id: string;
    created_by: string | null;
    created_at: number;
    expires_at: number;
    used_at: number | null;
    used_by_device: string | null;
  };
  server_keys: {
    key_id: string;
    public_key: string;
    secret_key: string;
    created_at: number;
  };
  device_status: {
    device_id: string;
    last_seen_at: number;
    last_pull_at: number | null;
    last_push_at: number | null;
    app_version: string | null;
    /** device clock minus server clock, from the device's time header; positive: the kiosk is ahead */
    clock_offset_ms: number | null;
    pending_push: number | null;
  };
  settings: {
    key: string;
    value: string;
  };
}
