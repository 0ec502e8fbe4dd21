/** Decode counts and per-image times for one pipeline on one set of images. */
export class DecodeStats {
  decoded = 0;
  total = 0;
  readonly ms: number[] = [];
  readonly passes = new Map<string, number>();
  readonly failures: string[] = [];

  add(ok: boolean, ms: number, pass: string | null, name: string): void {
    this.total += 1;
    this.ms.push(ms);
    if (ok) {
      this.decoded += 1;
      if (pass) this.passes.set(pass, (this.passes.get(pass) ?? 0) + 1);
    } else this.failures.push(name);
  }

  merge(other: DecodeStats): void {
    this.decoded += other.decoded;
    this.total += other.total;
    this.ms.push(...other.ms);
    for (const [pass, n] of other.passes) this.passes.set(pass, (this.passes.get(pass) ?? 0) + n);
    this.failures.push(...other.failures);
  }

  get rate(): number {
    return this.total === 0 ? 0 : this.decoded / this.total;
  }

  percentile(p: number): number {
    if (this.ms.length === 0) return 0;
    const sorted = [...this.ms].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
  }

  summary() {
    return {
      decoded: this.decoded,
      total: this.total,
      rate: round(this.rate, 4),
      medianMs: round(this.percentile(50), 2),
      p95Ms: round(this.percentile(95), 2),
      passes: Object.fromEntries(this.passes),
    };
  }
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Count, median, 95th percentile and maximum of some timings (ms), one decimal. */
export function summary(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), 1),
    p95: round(percentile(sorted, 95), 1),
    max: round(sorted.at(-1) ?? Number.NaN, 1),
  };
}
