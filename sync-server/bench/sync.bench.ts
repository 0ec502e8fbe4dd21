// `npm run bench:sync [-- --json]`: the sync server merging check-ins over HTTP, on SQLite and PostgreSQL
// (PostgreSQL when VIGEVANO_TEST_POSTGRES_URL is set, skipped with a message otherwise).
//   (a) a kiosk offline for a month pushes 50 000 check-ins: seconds and documents/s
//   (b) 50 kiosks push 2 000 check-ins each at once: documents/s the server merges
//   (c) a new kiosk pulls 20 000 documents of its hub: seconds
// Baseline, same process and store: the same documents inserted straight into the table with multi-row INSERTs
// (no HTTP, validation, conflict checks or change feed), so the ratio is the price of the sync protocol.
// Also: how long after the last push of (b) the dashboard's reports hold every check-in (the report feed gives way
// to pushes and catches up after them).
// What it measures is the server and the wire (HTTP pushes of 1 000 rows, the kiosk client's batch size; pulls of
// 2 000), not the kiosk's RxDB bookkeeping, which `npm run bench:storage` covers.
import { type Checkin, type PullResponse, SYNC_LIMITS, syncPath } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { catchUpReports } from '../src/reports/feed';
import type { StoreKind } from '../src/store/database';
import { checkinDoc, createHubs, enrolTestDevice, newRows, type TestDevice } from '../src/sync/test-support';
import { startTestServer, type TestServer } from '../src/testing/test-server';

const json = process.argv.includes('--json');
const PUSH_BATCH = 1000;
const A_DOCS = 50_000;
const B_KIOSKS = 50;
const B_EACH = 2_000;
const C_DOCS = 20_000;

async function pushAll(t: TestServer, device: TestDevice, docs: Checkin[]): Promise<void> {
  for (let i = 0; i < docs.length; i += PUSH_BATCH) {
    const res = await fetch(`${t.url}${syncPath('checkins', 'push')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(newRows(docs.slice(i, i + PUSH_BATCH))),
    });
    if (!res.ok) throw new Error(`push ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { conflicts: unknown[] };
    if (body.conflicts.length > 0) throw new Error(`unexpected conflicts: ${body.conflicts.length}`);
  }
}

async function pullAll(t: TestServer, device: TestDevice): Promise<number> {
  let order = 0;
  let count = 0;
  for (;;) {
    const res = await fetch(
      `${t.url}${syncPath('checkins', 'pull')}?order=${order}&limit=${SYNC_LIMITS.maxPullLimit}`,
      { headers: { authorization: `Bearer ${device.token}` } },
    );
    const body = (await res.json()) as PullResponse;
    if (body.documents.length === 0) return count;
    count += body.documents.length;
    order = body.checkpoint?.order ?? order;
  }
}

async function baseline(t: TestServer, docs: Checkin[]): Promise<number> {
  const started = performance.now();
  const rows = docs.map((d) => ({
    collection: 'bench_baseline',
    id: d.id,
    hub_id: d.hubId,
    body: JSON.stringify(d),
    deleted: 0,
    at: d.deviceTime,
    updated_at: d.updatedAt,
  }));
  await t.server.store.db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += PUSH_BATCH)
      await tx
        .insertInto('documents')
        .values(rows.slice(i, i + PUSH_BATCH))
        .execute();
  });
  return docs.length / ((performance.now() - started) / 1000);
}

async function run(kind: StoreKind) {
  const t = await startTestServer(kind);
  try {
    const db = t.server.store.db;
    const hubs = await createHubs(db, B_KIOSKS + 1);
    const devices: TestDevice[] = [];
    for (const hub of hubs) devices.push(await enrolTestDevice(db, hub));
    const [offline, ...others] = devices as [TestDevice, ...TestDevice[]];

    // Every document is made before anything is timed: making 150 000 ids takes seconds of this same thread,
    // during which the server (in this process) could do nothing, and its report feed would fall behind.
    const month = Array.from({ length: A_DOCS }, () => checkinDoc(offline));
    const batches = others.slice(0, B_KIOSKS).map((d) => Array.from({ length: B_EACH }, () => checkinDoc(d)));
    const baselineDocs = Array.from({ length: A_DOCS }, () => ({ ...checkinDoc(offline), id: ulid() }));
    const baselinePerSecond = await baseline(t, baselineDocs);

    // (a) a month offline: 50 000 check-ins from one kiosk
    let started = performance.now();
    await pushAll(t, offline, month);
    const aSeconds = (performance.now() - started) / 1000;

    // (b) 50 kiosks at once, 2 000 each
    started = performance.now();
    await Promise.all(others.slice(0, B_KIOSKS).map((d, i) => pushAll(t, d, batches[i] as Checkin[])));
    const bSeconds = (performance.now() - started) / 1000;

    const bPerSecond = (B_KIOSKS * B_EACH) / bSeconds;
    // The dashboard's reports follow the pushes (reports/feed.ts, giving way while pushes arrive): how long after
    // the last push of (b) they hold every check-in of (a) and (b), as a coordinator's next request would wait.
    started = performance.now();
    await catchUpReports(db);
    const reportsSeconds = (performance.now() - started) / 1000;
    const inReports = await db
      .selectFrom('report_checkins')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(inReports.n) !== A_DOCS + B_KIOSKS * B_EACH)
      throw new Error(`reports hold ${inReports.n} check-ins, expected ${A_DOCS + B_KIOSKS * B_EACH}`);

    // (c) a new kiosk of a hub that holds 20 000 check-ins pulls them all
    const cHub = hubs[1] as string;
    const newcomer = await enrolTestDevice(db, cHub, 'Nuovo');
    const existing = await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('collection', '=', 'checkins')
      .where('hub_id', '=', cHub)
      .executeTakeFirstOrThrow();
    const extra = C_DOCS - Number(existing.n);
    if (extra > 0)
      await pushAll(
        t,
        newcomer,
        Array.from({ length: extra }, () => checkinDoc(newcomer)),
      );
    started = performance.now();
    const pulled = await pullAll(t, newcomer);
    const cSeconds = (performance.now() - started) / 1000;
    if (pulled !== C_DOCS) throw new Error(`pulled ${pulled}, expected ${C_DOCS}`);

    return {
      store: kind,
      baselineInsertPerSecond: Math.round(baselinePerSecond),
      a: { docs: A_DOCS, seconds: round(aSeconds), perSecond: Math.round(A_DOCS / aSeconds), goalSeconds: 5 },
      b: {
        kiosks: B_KIOSKS,
        each: B_EACH,
        seconds: round(bSeconds),
        perSecond: Math.round(bPerSecond),
        goalPerSecond: 20_000,
      },
      c: { docs: C_DOCS, seconds: round(cSeconds), goalSeconds: 3 },
      reportsCurrentAfterSeconds: round(reportsSeconds),
      ratioToBaseline: {
        a: round(A_DOCS / aSeconds / baselinePerSecond),
        b: round(bPerSecond / baselinePerSecond),
      },
    };
  } finally {
    await t.stop();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function main() {
  const only = process.argv.find((a) => a.startsWith('--store='))?.slice('--store='.length);
  const kinds: StoreKind[] = [];
  if (only !== 'postgres') kinds.push('sqlite');
  if (only !== 'sqlite') {
    if (process.env.VIGEVANO_TEST_POSTGRES_URL) kinds.push('postgres');
    else console.log('PostgreSQL skipped: set VIGEVANO_TEST_POSTGRES_URL=postgres://… to measure it too');
  }
  const results = [];
  for (const kind of kinds) {
    const r = await run(kind);
    results.push(r);
    console.log(
      `\n${kind}: baseline plain INSERT ${r.baselineInsertPerSecond} docs/s (same store, same process)`,
    );
    console.log('| case | documents | seconds | documents/s | goal | vs baseline |');
    console.log('| --- | ---: | ---: | ---: | --- | ---: |');
    console.log(
      `| (a) one kiosk, a month offline | ${r.a.docs} | ${r.a.seconds} | ${r.a.perSecond} | < 5 s ${r.a.seconds < 5 ? 'met' : 'MISSED'} | ${r.ratioToBaseline.a} |`,
    );
    console.log(
      `| (b) 50 kiosks at once | ${r.b.kiosks * r.b.each} | ${r.b.seconds} | ${r.b.perSecond} | ≥ 20 000/s ${r.b.perSecond >= 20_000 ? 'met' : 'MISSED'} | ${r.ratioToBaseline.b} |`,
    );
    console.log(
      `| reports hold (a) and (b), after the last push | ${r.a.docs + r.b.kiosks * r.b.each} | ${r.reportsCurrentAfterSeconds} | | | |`,
    );
    console.log(
      `| (c) new kiosk pulls its hub | ${r.c.docs} | ${r.c.seconds} | ${Math.round(r.c.docs / r.c.seconds)} | < 3 s ${r.c.seconds < 3 ? 'met' : 'MISSED'} | |`,
    );
  }
  if (json) console.log(JSON.stringify({ bench: 'sync', results }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
