import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tsNodeCommand } from '@vigevano/testkit/processes';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';

const CYCLES = Number(process.env.KIOSK_CRASH_CYCLES ?? 50);
const CARDS_PER_CYCLE = 40;

/** Runs the child until a random moment, kills it with SIGKILL, returns the ids it said were accepted. */
function runAndKill(dir: string, tokensFile: string, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // One process (node with tsx's loader), so SIGKILL hits the writer itself.
    const [command, args] = tsNodeCommand(join(import.meta.dirname, '../testing/checkin-storm-child.ts'), [
      dir,
      tokensFile,
    ]);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // The clock starts at the first answered check-in, so the kill lands in the storm, not in start-up.
      if (!timer && out.includes('ACCEPTED ')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve([...out.matchAll(/^ACCEPTED (\S+)$/gm)].map((m) => m[1] as string));
    });
  });
}

// Invariant 1: a check-in shown as accepted is on disk before it is shown; a crash right after loses nothing.
describe('kiosk crash during a check-in storm', () => {
  let f: KioskFixture;
  beforeAll(async () => {
    f = await createKioskFixture();
  });
  afterAll(() => f?.close());

  it(`keeps every accepted check-in through ${CYCLES} SIGKILLs at random moments, and the file stays sound`, async () => {
    const accepted: string[] = [];
    let killedMidStorm = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const tokens: string[] = [];
      for (let i = 0; i < CARDS_PER_CYCLE; i++) tokens.push((await f.serverCard(`C${cycle}-${i}`)).token);
      await f.db.close();
      const file = join(f.dir, `tokens-${cycle}.json`);
      writeFileSync(file, JSON.stringify({ identity: f.identity, tokens }));
      const answered = await runAndKill(f.dir, file, Math.floor(Math.random() * 120));
      if (answered.length < CARDS_PER_CYCLE) killedMidStorm += 1;
      accepted.push(...answered);
      await f.reopen();
      const found = await f.db.checkins.findByIds(accepted).exec();
      expect(
        accepted.filter((id) => !found.has(id)),
        `cycle ${cycle}: accepted but lost`,
      ).toEqual([]);
    }
    expect(accepted.length).toBeGreaterThanOrEqual(CYCLES);
    // The kills really interrupted the writer (not a launcher in front of it) in most cycles.
    expect(killedMidStorm).toBeGreaterThan(CYCLES / 2);
    await f.db.close();
    const sqlite = new Database(join(f.dir, 'kiosk.sqlite'), { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    sqlite.close();
    await f.reopen();
  }, 600_000);
});
