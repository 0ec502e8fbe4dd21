import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@vigevano/testkit/tmp';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaStore, type WantedFile } from './media-store';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** A file of `bytes` bytes with a distinct content per `n`, and the id and hash a content document would name. */
function fileOf(n: number, bytes: number): { wanted: WantedFile; data: Buffer } {
  const data = Buffer.alloc(bytes, n);
  const id = `01JD${String(n).padStart(22, '0')}`;
  return {
    wanted: { id, mediaType: 'image/webp', sha256: createHash('sha256').update(data).digest('hex'), bytes },
    data,
  };
}

function setup(budgetBytes: number) {
  const dir = tempDir('kiosk-media-');
  dirs.push(dir);
  let clock = 1_000;
  const store = new MediaStore({ directory: dir.path, budgetBytes, now: () => clock++ });
  const served = new Map<string, Buffer>();
  const downloads: string[] = [];
  const download = async (file: WantedFile) => {
    downloads.push(file.id);
    const data = served.get(file.id);
    if (!data) throw new Error('offline');
    return data;
  };
  const add = (n: number, bytes: number) => {
    const f = fileOf(n, bytes);
    served.set(f.wanted.id, f.data);
    return f.wanted;
  };
  return { dir: dir.path, store, served, download, downloads, add };
}

describe('the kiosk media store', () => {
  it('downloads what items need once, and serves it from its own disk after a restart', async () => {
    const t = setup(10_000);
    await t.store.open();
    const a = t.add(1, 1000);
    const b = t.add(2, 2000);
    const first = await t.store.sync([a, b], t.download);
    expect(first.downloaded).toEqual([a.id, b.id]);
    expect(readFileSync(join(t.dir, a.id)).equals(t.served.get(a.id) as Buffer)).toBe(true);
    await t.store.sync([a, b], t.download);
    expect(t.downloads).toEqual([a.id, b.id]);
    const again = new MediaStore({ directory: t.dir, budgetBytes: 10_000 });
    await again.open();
    expect(again.list().map((f) => [f.id, f.bytes])).toEqual([
      [a.id, 1000],
      [b.id, 2000],
    ]);
    expect(again.file(b.id)?.mediaType).toBe('image/webp');
    expect(again.usedBytes).toBe(3000);
  });

  it('refuses bytes whose sha256 is not the one named, and tries again on the next pass', async () => {
    const t = setup(10_000);
    await t.store.open();
    const a = t.add(1, 1000);
    t.served.set(a.id, Buffer.alloc(1000, 9)); // the wrong bytes (a proxy's error page, a damaged copy)
    const bad = await t.store.sync([a], t.download);
    expect(bad.failed.map((f) => f.id)).toEqual([a.id]);
    expect(bad.failed[0]?.reason).toContain('sha256');
    expect(t.store.file(a.id)).toBeUndefined();
    expect(readdirSync(t.dir).filter((n) => n.startsWith(a.id))).toEqual([]);
    t.served.set(a.id, fileOf(1, 1000).data);
    const good = await t.store.sync([a], t.download);
    expect(good.downloaded).toEqual([a.id]);
    expect(t.store.file(a.id)).toBeDefined();
  });

  it('drops unscheduled files, the oldest first, and only as many as the new file needs', async () => {
    const t = setup(5000);
    await t.store.open();
    const [a, b, c, d] = [t.add(1, 1500), t.add(2, 1500), t.add(3, 1500), t.add(4, 2000)];
    await t.store.sync([a, b, c], t.download); // stored in order a, b, c: 4500 of 5000 bytes
    // a and b are no longer scheduled, c still is; d needs 2000: dropping a (the oldest) frees enough
    const result = await t.store.sync([c, d], t.download);
    expect(result.evicted).toEqual([a.id]);
    expect(result.downloaded).toEqual([d.id]);
    expect(t.store.list().map((f) => f.id)).toEqual([b.id, c.id, d.id]);
    expect(existsSync(join(t.dir, a.id))).toBe(false);
    expect(t.store.usedBytes).toBeLessThanOrEqual(5000);
  });

  it('never drops a scheduled file: one that does not fit waits, over budget', async () => {
    const t = setup(3000);
    await t.store.open();
    const [a, b, c] = [t.add(1, 1500), t.add(2, 1500), t.add(3, 1000)];
    await t.store.sync([a, b], t.download);
    const result = await t.store.sync([a, b, c], t.download);
    expect(result).toMatchObject({ overBudget: [c.id], evicted: [], downloaded: [] });
    expect(t.store.list().map((f) => f.id)).toEqual([a.id, b.id]);
    expect(t.downloads).not.toContain(c.id);
  });

  it('forgets a manifest entry whose file is gone and deletes files no entry names', async () => {
    const t = setup(10_000);
    await t.store.open();
    const a = t.add(1, 100);
    const b = t.add(2, 100);
    await t.store.sync([a, b], t.download);
    writeFileSync(join(t.dir, `${a.id}.part`), 'half a file'); // a power cut mid-download
    rmSync(join(t.dir, b.id));
    const again = new MediaStore({ directory: t.dir, budgetBytes: 10_000 });
    await again.open();
    expect(again.list().map((f) => f.id)).toEqual([a.id]);
    expect(readdirSync(t.dir).sort()).toEqual([a.id, 'manifest.json']);
  });
});
