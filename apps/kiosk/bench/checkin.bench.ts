// npm run bench:checkin [-- --json] [--existing N] [--scans N]
// Latency from "scanned text received" to "answer ready" in the hub service's check-in path (card verification,
// rules, the durable write), p50 / p99 / max over 10 000 check-ins, on a kiosk database that already holds
// 1 million check-ins, against a baseline run on an empty database in the same process.
import { parseArgs } from 'node:util';
import { type Checkin, formatHlc } from '@vigevano/protocol';
import { ulid } from 'ulid';
import { CheckinService } from '../src/hub/checkin/checkin-service';
import { createMessages } from '../src/hub/i18n/messages';
import { createKioskFixture, type KioskFixture } from '../src/hub/testing/kiosk-fixture';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    existing: { type: 'string', default: '1000000' },
    scans: { type: 'string', default: '10000' },
  },
});
const existing = Number(values.existing);
const scans = Number(values.scans);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Fills the database with `count` past check-ins of 20 000 visitors over five years, in bulk. */
async function fill(f: KioskFixture, count: number): Promise<number> {
  const started = performance.now();
  const now = Date.now();
  const cards = Array.from({ length: 20_000 }, () => ulid());
  const batch = 10_000;
  for (let done = 0; done < count; done += batch) {
    const docs: Checkin[] = [];
    for (let i = done; i < Math.min(count, done + batch); i++) {
      const deviceTime = now - 86_400_000 - Math.floor((i / count) * 5 * 365 * 86_400_000);
      docs.push({
        id: ulid(deviceTime),
        hubId: f.hub.id,
        deviceId: f.identity.deviceId,
        cardId: cards[i % cards.length] as string,
        direction: 'in',
        source: 'camera',
        deviceTime,
        hlc: formatHlc({ wallMs: deviceTime, counter: 0, node: f.identity.deviceId }),
        updatedAt: deviceTime,
      });
    }
    await f.db.checkins.bulkInsert(docs);
    if (!values.json && done % 200_000 === 0) process.stdout.write(`  … ${done} / ${count}\n`);
  }
  return performance.now() - started;
}

async function run(label: string, existingCount: number) {
  const f = await createKioskFixture();
  const fillMs = existingCount > 0 ? await fill(f, existingCount) : 0;
  const warmUp = 300;
  const tokens: string[] = [];
  for (let i = 0; i < scans + warmUp; i++) tokens.push((await f.serverCard(`V${i}`)).token);
  const service = new CheckinService({
    db: f.db,
    identity: f.identity,
    clock: f.clock,
    messages: await createMessages(),
  });
  // Warm-up: the same path on other cards (JIT, prepared statements, SQLite cache), not counted.
  for (const token of tokens.splice(0, warmUp)) await service.scan(token, 'camera');
  const latencies: number[] = [];
  let accepted = 0;
  for (const token of tokens) {
    const t0 = performance.now();
    const answer = await service.scan(token, 'camera');
    latencies.push(performance.now() - t0);
    if (answer.code === 'accepted') accepted++;
  }
  await f.close();
  latencies.sort((a, b) => a - b);
  return {
    label,
    existing: existingCount,
    scans,
    accepted,
    fillSeconds: fillMs / 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) as number,
  };
}

const baseline = await run('empty database (baseline)', 0);
const loaded = await run(`${existing.toLocaleString('en')} check-ins already stored`, existing);
const result = {
  baseline,
  loaded,
  ratio: { p50: loaded.p50 / baseline.p50, p99: loaded.p99 / baseline.p99 },
  goal: { p99Ms: 20, met: loaded.p99 < 20 },
};
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  const row = (r: typeof baseline) =>
    `${r.label.padEnd(40)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)} ${r.max.toFixed(1).padStart(7)}   ${r.accepted}/${r.scans}`;
  console.log(`\ncheck-in latency (ms), scanned text → answer, ${scans} scans`);
  console.log(`${''.padEnd(40)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}   accepted`);
  console.log(row(baseline));
  console.log(row(loaded));
  console.log(
    `ratio loaded/baseline: p50 ${result.ratio.p50.toFixed(2)}×, p99 ${result.ratio.p99.toFixed(2)}×`,
  );
  console.log(`filling ${existing} check-ins took ${loaded.fillSeconds.toFixed(1)} s`);
  console.log(`goal p99 < 20 ms: ${result.goal.met ? 'met' : 'NOT met'}`);
}
