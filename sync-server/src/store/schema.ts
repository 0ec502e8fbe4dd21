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
    /** position in the collection's change feed, in commit order (migration 0003, src/sync/change-order.ts) */
    change_order: number | null;
    /** `hub-list` documents: the hubs that must hear of changes (`|id|id|`); null: every hub */
    visible_to: string | null;
  };
  /** the last change order given out per collection; its row lock orders concurrent writers (migration 0003) */
  change_counters: {
    collection: string;
    last_order: number;
  };
  users: {
    id: string;
    email: string;
    name: string;
    role: string;
    /** the hubs a hub lead leads, a JSON array of hub ids ('[]' for every other role; migration 0011) */
    hub_ids: string;
    password_hash: string;
    created_at: number;
    /** set when an admin disabled the account: it cannot sign in, its sessions were ended */
    disabled_at: number | null;
    last_login_at: number | null;
    /** the TOTP secret (base32) once confirmed; null: no second factor */
    totp_secret: string | null;
    /** a TOTP secret shown for enrolment, not yet confirmed with a code */
    totp_pending: string | null;
  };
  /** one-time links: setup of the first admin, invitations, password resets (migration 0011, auth/account-links.ts) */
  account_links: {
    /** SHA-256 of the link's secret */
    token_hash: string;
    kind: string;
    email: string;
    /** a name to suggest on the accept page */
    name: string | null;
    role: string;
    /** JSON array of hub ids (a hub lead's hubs) */
    hub_ids: string;
    /** a reset's account; null when the link creates one */
    user_id: string | null;
    /** a user id, `cli` or `system` (the setup link printed at start) */
    created_by: string;
    created_at: number;
    expires_at: number;
    used_at: number | null;
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
    /** migration 0013: the place a kiosk enrolled with this code stands in, and the identity it replaces (a move) */
    place?: string | null;
    replaces_device?: string | null;
  };
  /** migration 0013: server-only facts about a kiosk (devices/device-admin.ts) */
  device_details: {
    device_id: string;
    place: string | null;
    retired_at: number | null;
    retired_by: string | null;
    moved_to_hub: string | null;
    replaces_device: string | null;
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
    /** the kiosk's disk as it reported it: 'ok' or 'full' (migration 0006) */
    storage_state: string | null;
    /** documents the kiosk cannot push because one alone exceeds the body limit */
    too_large_count: number | null;
    /** the first of those as `collection/id`, comma-separated */
    too_large_ids: string | null;
    /** the kiosk's data disk: free space and size, whole MiB (migration 0023) */
    disk_free_mib: number | null;
    disk_total_mib: number | null;
  };
  settings: {
    key: string;
    value: string;
  };
  /** per projected collection, the last change order already in the report tables (reports/feed.ts) */
  report_cursors: {
    collection: string;
    last_order: number;
  };
  // Dashboard reports (migration 0004, sync-server/src/reports): projections kept exact by projectors. Days are
  // local `YYYY-MM-DD`, weeks the Monday's day, months `YYYY-MM`; hub '*' is the whole city.
  report_cards: {
    card_id: string;
    visitor_id: string;
    hub_id: string;
    alias: string;
    /** lower-case alias, for search on both dialects */
    alias_key: string;
    language: string;
    issuer: string;
    issued_at: number;
    revoked: number;
    revoked_at: number | null;
    revoked_reason: string | null;
  };
  report_checkins: {
    id: string;
    hub_id: string;
    device_id: string;
    card_id: string | null;
    /** the card's visitor (the card id until the card itself has synced); null for guests */
    visitor_id: string | null;
    session_id: string | null;
    /** the session's activity and target group; '' without a session */
    activity: string;
    target_group: string;
    direction: string;
    at: number;
    day: string;
    week: string;
    month: string;
    /** 0 = Monday */
    weekday: number;
    hour: number;
    /** 1: another kiosk of the hub took this card within the repeat-scan window (reports/duplicates.ts) */
    duplicate: number;
  };
  report_daily: {
    day: string;
    week: string;
    month: string;
    hub_id: string;
    activity: string;
    target_group: string;
    checkins: number;
    guests: number;
    visitor_days: number;
  };
  report_hourly: { day: string; hub_id: string; hour: number; weekday: number; checkins: number };
  report_visitor_days: {
    visitor_id: string;
    day: string;
    hub_id: string;
    activity: string;
    target_group: string;
    week: string;
    month: string;
    first_at: number;
    checkins: number;
  };
  report_visitor_counts: {
    /** d, w or m */
    kind: string;
    hub_id: string;
    /** all, multi, tg:<target group> or act:<activity> */
    facet: string;
    period: string;
    visitors: number;
    new_visitors: number;
  };
  report_visitors: {
    visitor_id: string;
    first_day: string;
    last_day: string;
    days: number;
    hubs: number;
    checkins: number;
  };
  report_flows: { day: string; from_hub: string; to_hub: string; moves: number };
  report_esf: { year: string; hub_id: string; indicator: string; value: string; participants: number };
  report_sessions: {
    id: string;
    hub_id: string;
    activity: string;
    target_group: string;
    kind: string;
    title: string;
    starts_at: number;
    ends_at: number;
    day: string;
    status: string;
    capacity: number;
    facilitator: string;
    notes: string;
    enrolled: number;
    present: number;
    checkins: number;
  };
  report_enrolments: {
    id: string;
    session_id: string;
    hub_id: string;
    card_id: string;
    alias: string;
    walk_in: number;
    attendance: string;
    /** why an excused participant was away (migration 0016) */
    excuse_reason: string | null;
    /** who marked the attendance: a facilitator's name, a user's email (migration 0016) */
    marked_by: string | null;
  };
  /** a visitor's personal data: server only, recorded with consent */
  people: {
    visitor_id: string;
    hub_id: string;
    first_name: string;
    last_name: string;
    email: string | null;
    phone: string | null;
    birth_year: number | null;
    gender: string | null;
    employment: string | null;
    education: string | null;
    disadvantaged_recorded: number;
    search_key: string;
    consent_at: number;
    consent_by: string;
    consent_text_version: string;
    created_at: number;
    updated_at: number;
  };
  person_disadvantages: { visitor_id: string; grp: string };
  /** who consented, exported or erased whose data, and when (no personal data) */
  people_log: { id: string; visitor_id: string; action: string; at: number; by_user: string };
  content_images: {
    id: string;
    media_type: string;
    size: number;
    sha256: string;
    data: string;
    created_at: number;
    created_by: string;
  };
  /** dashboard/media-files.ts: uploaded images, their renditions, and videos (migration 0017); never updated */
  media_files: {
    id: string;
    media_type: string;
    bytes: number;
    sha256: string;
    width: number;
    height: number;
    data: Buffer;
    created_at: number;
    created_by: string;
  };
  /** dashboard/media-held.ts: what each kiosk last said it keeps for offline play (migration 0017) */
  device_media: {
    device_id: string;
    budget_bytes: number;
    file_count: number;
    total_bytes: number;
    /** [{ id, bytes }] as the kiosk reported them */
    files_json: string;
    reported_at: number;
  };
  /** auth/lockout.ts: failed logins per key (account+address, address, account) and the delay they earned */
  login_throttle: { key: string; failures: number; last_failure_at: number; blocked_until: number | null };
  /** auth/api-tokens.ts: read-only tokens for integrations; the secret's SHA-256 only */
  api_tokens: {
    id: string;
    token_hash: string;
    name: string;
    role: string;
    created_by: string;
    created_at: number;
    last_used_at: number | null;
    revoked_at: number | null;
  };
  /** audit/audit-log.ts: every administrative action, append-only (triggers refuse UPDATE and DELETE) */
  audit_log: {
    id: string;
    at: number;
    actor_id: string;
    actor_label: string;
    action: string;
    target_type: string;
    target_id: string;
    hub_id: string | null;
    before_json: string | null;
    after_json: string | null;
  };
  /** dashboard/hubs: the areas a hub may be in, kept by the server (migration 0012) */
  hub_areas: { name: string; created_at: number };
  /**
   * dashboard/facilitators: a facilitator with the scrypt hash of their PIN (never the PIN); hub documents carry a
   * copy of each hub's facilitators to its kiosks (migration 0012)
   */
  facilitators: {
    id: string;
    name: string;
    pin_salt: string | null;
    pin_hash: string | null;
    pin_cost: number | null;
    pin_set_at: number | null;
    /** the card granted facilitator mode at the facilitator's hubs */
    card_id: string | null;
    created_at: number;
    updated_at: number;
  };
  facilitator_hubs: { facilitator_id: string; hub_id: string };
  /** a funded operation (ESF+) grouping sessions, by the funder's code (migration 0014) */
  operations: {
    id: string;
    code: string;
    name: string;
    /** local days YYYY-MM-DD, inclusive */
    starts_on: string;
    ends_on: string;
    target_group: string;
    planned_minutes: number;
    created_at: number;
    updated_at: number;
  };
  operation_hubs: { operation_id: string; hub_id: string };
  /** a recurring series planned from the dashboard (migration 0015); its occurrences are `sessions` documents */
  session_series: {
    id: string;
    hub_id: string;
    operation_id: string | null;
    /** RFC 5545 RRULE, without DTSTART */
    rule: string;
    starts_on: string;
    /** HH:mm, the hub's wall clock */
    start_time: string;
    duration_minutes: number;
    kind: string;
    activity: string;
    title: string;
    target_group: string;
    capacity: number;
    facilitator: string;
    room: string;
    /** the updatedAt the occurrences were last written with: equal means untouched since */
    planned_at: number;
    created_at: number;
    updated_at: number;
  };
  /**
   * one person's participation in one operation: entry snapshot (JSON ParticipantSnapshot, never changed after
   * entry), exit, results (JSON ResultAtExit / ResultAfterSixMonths); server only (migration 0014)
   */
  participants: {
    id: string;
    operation_id: string;
    visitor_id: string;
    entry_date: string;
    entry_snapshot: string;
    exit_date: string | null;
    exit_reason: string | null;
    result_exit: string | null;
    result_six_months: string | null;
    created_at: number;
    updated_at: number;
  };
  /** annulled check-ins, from the `annulments` collection (migration 0016) */
  report_annulments: {
    checkin_id: string;
    hub_id: string;
    session_id: string | null;
    card_id: string | null;
    direction: string | null;
    checkin_at: number | null;
    device_id: string | null;
    annulled_by: string;
    reason: string;
    annulled_at: number;
  };
  /** refused scans per kiosk, local day, hour and reason, from the `refusals` collection (migration 0016) */
  report_refusals: {
    id: string;
    hub_id: string;
    device_id: string;
    day: string;
    hour: number;
    reason: string;
    count: number;
  };
  /** the alerts open now, shared by every instance (migration 0022, alerts/monitor.ts) */
  alert_state: {
    id: string;
    since: number;
    /** the Alert as last evaluated, JSON */
    body: string;
    opened_at: number;
  };
  /** shows of an info-screen item per kiosk and local day, from the `plays` collection (migration 0021) */
  report_plays: {
    id: string;
    hub_id: string;
    device_id: string;
    content_id: string;
    day: string;
    shows: number;
    seconds: number;
  };
}
