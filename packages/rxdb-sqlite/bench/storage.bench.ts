/**
 * `npm run bench:storage [-- --json] [-- --fresh] [-- --quick]`
 *
 * 1. RxDB's own runPerformanceTests (rxdb/plugins/test-utils), in this process, on:
 *      this storage (a file on disk), RxDB's memory storage, RxDB's trial SQLite storage on the same
 *      better-sqlite3 — with 300 documents per collection, inside the trial's limits (500 documents,
 *      500 operations per instance);
 *    and again on this storage and the memory storage with RxDB's default size (3 000 documents).
 *    Prints every metric (ms, lower is better) and the ratios this/memory and this/trial (< 1: we are faster).
 * 2. Reads inside an open database (warm-reads.ts): the same reads repeated without the reopen that
 *    runPerformanceTests does before each read step.
 * 3. A file holding 1 000 000 check-ins: open time and "check-ins of today for this hub" (see
 *    million-checkins.ts). The file is kept in the OS temp dir and reused; --fresh rebuilds it.
 * With --json the last line is one JSON object with all figures.
 */
import './register-shims.ts';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSQLiteTrial } from 'rxdb/plugins/storage-sqlite';
import { getRxStorageBetterSqlite3 } from '../src/index.ts';
import { runMillionCheckins } from './million-checkins.ts';
import { getSQLiteBasicsBetterSqlite3 } from './trial-basics.ts';
import { warmReads } from './warm-reads.ts';

type Figures = Record<string, number>;

const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const quick = args.has('--quick');

function say(line: string) {
  // With --json, progress goes to stderr so that stdout ends with the JSON line only.
  (asJson ? process.stderr : process.stdout).write(`${line}\n`);
}

/** The trial storage warns loudly on every instance; the benchmark output stays readable without it. */
async function withoutTrialWarnings<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...parts: unknown[]) => {
    if (!String(parts[0]).includes('SQLite')) warn(...parts);
  };
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

async function measure(
  storage: RxStorage<unknown, unknown>,
  description: string,
  config: { docsAmount: number; runs: number },
): Promise<Figures> {
  // Imported here, after register-shims.ts has run (static imports would resolve before it).
  const { runPerformanceTests } = await import('rxdb/plugins/test-utils');
  const result = await runPerformanceTests(storage, description, {
    runs: config.runs,
    docsAmount: config.docsAmount,
    collectionsAmount: 4,
    serialDocsAmount: 50,
    parallelQueryAmount: 4,
    insertBatches: 6,
    waitBetweenTests: 20,
    log: false,
  });
  const figures: Figures = {};
  for (const [key, value] of Object.entries(result)) {
    if (typeof value === 'number' && key !== 'collectionsAmount' && key !== 'docsAmount')
      figures[key] = value;
  }
  say(`  ${description}: done`);
  return figures;
}

function ratio(a: number | undefined, b: number | undefined): number {
  return a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 100) / 100 : Number.NaN;
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [
    headers,
    ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toFixed(2) : cell))),
  ];
  const widths = headers.map((_h, i) => Math.max(...cells.map((row) => String(row[i]).length)));
  const line = (row: (string | number)[]) =>
    row
      .map((cell, i) =>
        i === 0 ? String(cell).padEnd(widths[i] ?? 0) : String(cell).padStart(widths[i] ?? 0),
      )
      .join('  ');
  return [
    line(cells[0] ?? []),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

/**
 * RxDB's runPerformanceTests with `docsAmount` documents per collection, `runs` times, on this storage (its files
 * in `directory`) and on RxDB's memory storage, the baseline every figure is compared with.
 */
async function againstMemory(docsAmount: number, runs: number, directory: string) {
  say(`RxDB runPerformanceTests, ${docsAmount} documents x 4 collections, ${runs} runs`);
  const config = { docsAmount, runs };
  const ours = await measure(getRxStorageBetterSqlite3({ directory }), 'this storage', config);
  const memory = await measure(getRxStorageMemory(), 'memory', config);
  return { config, ours, memory };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'rxdb-sqlite-bench-'));
  const millionDir = join(tmpdir(), 'vigevano-rxdb-sqlite-bench');
  mkdirSync(millionDir, { recursive: true });
  const runs = quick ? 3 : 10;
  try {
    const small = await againstMemory(300, runs, join(work, 'ours'));
    mkdirSync(join(work, 'trial'));
    const trialSmall = await withoutTrialWarnings(() =>
      measure(
        getRxStorageSQLiteTrial({ sqliteBasics: getSQLiteBasicsBetterSqlite3(join(work, 'trial')) }),
        'sqlite trial',
        small.config,
      ),
    );

    const large = await againstMemory(3000, runs, join(work, 'ours-large'));

    say('Reads inside an open database (storage level, 3000 documents)');
    const warmOurs = await warmReads(getRxStorageBetterSqlite3({ directory: join(work, 'warm') }));
    const warmMemory = await warmReads(getRxStorageMemory());

    say('1 000 000 check-ins (file kept in the OS temp dir; built on the first run, ~1 min)');
    const million = await runMillionCheckins(millionDir, args.has('--fresh'));

    const metrics = Object.keys(small.ours);
    const smallRows = metrics.map((m) => [
      m,
      small.ours[m] ?? Number.NaN,
      small.memory[m] ?? Number.NaN,
      trialSmall[m] ?? Number.NaN,
      ratio(small.ours[m], small.memory[m]),
      ratio(small.ours[m], trialSmall[m]),
    ]);
    const largeMetrics = Object.keys(large.ours);
    const largeRows = largeMetrics.map((m) => [
      m,
      large.ours[m] ?? Number.NaN,
      large.memory[m] ?? Number.NaN,
      ratio(large.ours[m], large.memory[m]),
    ]);
    const output = [
      '',
      'RxDB runPerformanceTests, 300 docs x 4 collections (ms, lower is better; ratio < 1: this storage is faster)',
      table(['metric', 'this', 'memory', 'trial', 'this/memory', 'this/trial'], smallRows),
      '',
      'RxDB runPerformanceTests, 3000 docs x 4 collections (the trial cannot hold that many)',
      table(['metric', 'this', 'memory', 'this/memory'], largeRows),
      '',
      'Reads inside an open database, storage level, 3000 docs, median of 30 (no reopen between reads)',
      table(
        ['read', 'this', 'memory', 'this/memory'],
        Object.entries(warmOurs).map(([k, v]) => [
          k,
          v,
          warmMemory[k as keyof typeof warmMemory],
          ratio(v, warmMemory[k as keyof typeof warmMemory]),
        ]),
      ),
      '',
      `1 000 000 check-ins${million.buildMs === null ? ' (file reused)' : ` (file built in ${(million.buildMs / 1000).toFixed(1)} s)`}`,
      table(
        ['figure', 'ms'],
        [
          ['open (createRxDatabase + addCollections)', million.openMs],
          [
            `first "check-ins of today for this hub" (${million.checkinsPerQuery} docs)`,
            million.firstQueryMs,
          ],
          ['median of 20 more (other hubs and days)', million.queryMedianMs],
        ],
      ),
      '',
    ].join('\n');
    say(output);
    if (asJson) {
      process.stdout.write(
        `${JSON.stringify({
          small: { docsAmount: 300, runs, this: small.ours, memory: small.memory, trial: trialSmall },
          large: { docsAmount: 3000, runs, this: large.ours, memory: large.memory },
          ratios: {
            thisOverMemory300: Object.fromEntries(smallRows.map((r) => [r[0], r[4]])),
            thisOverTrial300: Object.fromEntries(smallRows.map((r) => [r[0], r[5]])),
            thisOverMemory3000: Object.fromEntries(largeRows.map((r) => [r[0], r[3]])),
          },
          warm: { this: warmOurs, memory: warmMemory },
          million,
        })}\n`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
