import { describe, expect, it } from 'vitest';
import { type BatchOutcome, bodyBytes, encodeRows, pushInBatches, splitByBytes } from './push-batches';

const row = (id: number, chars: number) => ({ id, note: 'ї'.repeat(chars) });

describe('push batches sized by bytes', () => {
  it('measures UTF-8 bytes (a Ukrainian letter is 2) and keeps each batch body at most the budget', () => {
    const rows = encodeRows(Array.from({ length: 100 }, (_v, i) => row(i, 500)));
    expect(rows[0]?.bytes).toBe(Buffer.byteLength(JSON.stringify(rows[0]?.row)));
    expect(rows[0]?.bytes).toBeGreaterThan(1000);
    const batches = splitByBytes(rows, 10_000);
    expect(batches.length).toBeGreaterThan(10);
    for (const batch of batches) expect(bodyBytes(batch)).toBeLessThanOrEqual(10_000);
    expect(batches.flat().map((r) => r.row.id)).toEqual(rows.map((r) => r.row.id));
  });

  it('halves a batch refused with 413 until it passes, sending every row once and in order', async () => {
    const rows = Array.from({ length: 40 }, (_v, i) => row(i, 100));
    const sent: number[][] = [];
    const limit = 2_500; // a proxy's limit, lower than the budget
    const result = await pushInBatches(
      rows,
      async (body): Promise<BatchOutcome<number>> => {
        if (Buffer.byteLength(body) > limit) return 'too-large';
        const ids = (JSON.parse(body) as Array<{ id: number }>).map((r) => r.id);
        sent.push(ids);
        return { conflicts: ids.filter((id) => id % 10 === 0) };
      },
      { batchBytes: 1_000_000 },
    );
    expect(sent.flat()).toEqual(rows.map((r) => r.id));
    expect(sent.length).toBeGreaterThan(1);
    expect(result).toEqual({ conflicts: [0, 10, 20, 30], tooLarge: [] });
  });

  it('reports a row that alone is refused, or alone exceeds the protocol limit, and sends the rest', async () => {
    const rows = [row(1, 10), row(2, 5_000), row(3, 10), row(4, 60_000), row(5, 10)];
    const sent: number[] = [];
    const result = await pushInBatches(
      rows,
      async (body): Promise<BatchOutcome<never>> => {
        if (Buffer.byteLength(body) > 8_000) return 'too-large';
        sent.push(...(JSON.parse(body) as Array<{ id: number }>).map((r) => r.id));
        return { conflicts: [] };
      },
      { maxBytes: 100_000 / 2, batchBytes: 20_000 },
    );
    expect(sent).toEqual([1, 3, 5]);
    expect(result.tooLarge.map((t) => t.row.id)).toEqual([2, 4]);
    expect(result.tooLarge[1]?.bytes).toBeGreaterThan(100_000);
  });

  it('tries a refused row once more in its shrunk form before reporting it', async () => {
    const rows = [
      { id: 1, note: 'a', old: 'ї'.repeat(5_000) },
      { id: 2, note: 'ї'.repeat(5_000), old: 'a' },
    ];
    const sent: Array<Record<string, unknown>> = [];
    const result = await pushInBatches(
      rows,
      async (body): Promise<BatchOutcome<never>> => {
        if (Buffer.byteLength(body) > 8_000) return 'too-large';
        sent.push(...(JSON.parse(body) as Array<Record<string, unknown>>));
        return { conflicts: [] };
      },
      { shrink: (row) => ({ id: row.id, note: row.note, old: '' }) },
    );
    expect(sent).toEqual([{ id: 1, note: 'a', old: '' }]);
    expect(result.tooLarge.map((t) => t.row)).toEqual([rows[1]]);
  });

  it('stops at an error other than 413 (the replication retries the whole push later)', async () => {
    await expect(
      pushInBatches([row(1, 1)], async () => {
        throw new Error('offline');
      }),
    ).rejects.toThrow('offline');
  });
});
