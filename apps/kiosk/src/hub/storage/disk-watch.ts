import { statfsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { BehaviorSubject, type Observable } from 'rxjs';

export interface DiskWatchOptions {
  /** the folder of the kiosk's database (its data folder) */
  directory: string;
  /** below this many free bytes the disk counts as full (default 1 MiB: room for SQLite's journal to grow) */
  minFreeBytes?: number;
  /** how often free space is checked (default 5 s) */
  pollMs?: number;
}

/** A file system's space, bytes: free for this (unprivileged) process, and its size. */
export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

/** The space of a folder's file system; statfs(2). */
async function spaceOf(directory: string): Promise<DiskSpace> {
  const s = await statfs(directory);
  return { freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) };
}

/**
 * Whether the kiosk's disk is full: free space below `minFreeBytes`, or a write refused for lack of space
 * (reportFull) until the free space has grown by `minFreeBytes` since. Polls statfs, so freeing space is noticed
 * without anyone touching the kiosk.
 */
export class DiskWatch {
  private readonly full: BehaviorSubject<boolean>;
  private readonly space = new BehaviorSubject<DiskSpace | null>(null);
  private readonly minFreeBytes: number;
  private freeAtFailure: number | null = null;
  private failurePending = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: DiskWatchOptions) {
    this.minFreeBytes = options.minFreeBytes ?? 1024 * 1024;
    // Measured at once, so a kiosk starting on a full disk knows before it starts anything that writes.
    let free: number | null = null;
    try {
      const s = statfsSync(options.directory);
      free = Number(s.bavail) * Number(s.bsize);
      this.space.next({ freeBytes: free, totalBytes: Number(s.blocks) * Number(s.bsize) });
    } catch {
      // not measurable: counts as not full until a write says otherwise
    }
    this.full = new BehaviorSubject(free !== null && free < this.minFreeBytes);
    this.timer = setInterval(() => void this.check(), options.pollMs ?? 5_000);
    this.timer.unref();
  }

  /** true while the disk is full; a new value on every change */
  get full$(): Observable<boolean> {
    return this.full.asObservable();
  }

  /** the last measured space (null until measured, or when the folder cannot be measured); each measurement */
  get space$(): Observable<DiskSpace | null> {
    return this.space.asObservable();
  }

  get isFull(): boolean {
    return this.full.value;
  }

  /** A write failed for lack of space: the disk is full until space is freed. */
  reportFull(): void {
    this.failurePending = true;
    if (!this.full.value) this.full.next(true);
    void this.check();
  }

  /** Measures the free space now and updates the state; resolves to it. */
  async check(): Promise<boolean> {
    let free: number;
    try {
      const space = await spaceOf(this.options.directory);
      free = space.freeBytes;
      this.space.next(space);
    } catch {
      return this.full.value; // a folder we cannot stat says nothing about space
    }
    if (this.failurePending) {
      this.failurePending = false;
      this.freeAtFailure = free;
    }
    const recovered = this.freeAtFailure === null || free >= this.freeAtFailure + this.minFreeBytes;
    if (recovered) this.freeAtFailure = null;
    const full = free < this.minFreeBytes || !recovered;
    if (full !== this.full.value) this.full.next(full);
    return full;
  }

  stop(): void {
    clearInterval(this.timer);
    this.full.complete();
    this.space.complete();
  }
}
