import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A media file a content item names, as the content document describes it (packages/protocol content `media`). */
export interface WantedFile {
  id: string;
  mediaType: string;
  sha256: string;
  bytes: number;
}

/** A file the kiosk holds: what it is, and when it was stored (ms: the eviction order among unscheduled files). */
export interface HeldFile extends WantedFile {
  storedAt: number;
}

/** The outcome of one pass of MediaStore.sync: which files are now held, and which could not be. */
export interface MediaSyncResult {
  downloaded: string[];
  /** downloads that failed (network, server, sha256 mismatch): tried again on the next pass */
  failed: Array<{ id: string; reason: string }>;
  /** wanted files that do not fit the budget even after dropping every unscheduled one */
  overBudget: string[];
  evicted: string[];
}

export interface MediaStoreOptions {
  /** the folder of the files and their manifest (inside the kiosk's data dir) */
  directory: string;
  /** the most bytes the files may take together */
  budgetBytes: number;
  now?: () => number;
}

const MANIFEST = 'manifest.json';
/** media ids are ULIDs: nothing else becomes a path */
const FILE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The media files a kiosk keeps to play its info screens with no network (issue 17, item 1): each file downloaded
 * once, checked against the sha256 its content document names, kept under a byte budget. When a wanted file does
 * not fit, files no scheduled item names any more are dropped, the oldest first; files of scheduled items are never
 * dropped (a file that does not fit waits: it is reported over budget).
 */
export class MediaStore {
  private held = new Map<string, HeldFile>();
  private readonly now: () => number;

  constructor(private readonly options: MediaStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get budgetBytes(): number {
    return this.options.budgetBytes;
  }

  /** Reads the manifest; forgets entries whose file is gone and deletes files no entry names (a crash mid-write). */
  async open(): Promise<void> {
    await mkdir(this.options.directory, { recursive: true });
    const path = join(this.options.directory, MANIFEST);
    let entries: HeldFile[] = [];
    if (existsSync(path)) {
      try {
        entries = JSON.parse(await readFile(path, 'utf8')) as HeldFile[];
      } catch {
        entries = []; // a damaged manifest: the files are downloaded again
      }
    }
    this.held = new Map(
      entries
        .filter((e) => FILE_ID.test(e.id) && existsSync(this.pathOf(e.id)))
        .map((e) => [e.id, e] as const),
    );
    for (const name of await readdir(this.options.directory))
      if (name !== MANIFEST && !this.held.has(name))
        await rm(join(this.options.directory, name), { force: true });
  }

  /** The files held now, in the order they were stored. */
  list(): HeldFile[] {
    return [...this.held.values()].sort((a, b) => a.storedAt - b.storedAt || a.id.localeCompare(b.id));
  }

  /** bytes held */
  get usedBytes(): number {
    let sum = 0;
    for (const f of this.held.values()) sum += f.bytes;
    return sum;
  }

  /** A held file's path and type, or undefined. */
  file(id: string): { path: string; mediaType: string; sha256: string } | undefined {
    const held = this.held.get(id);
    return held ? { path: this.pathOf(id), mediaType: held.mediaType, sha256: held.sha256 } : undefined;
  }

  /**
   * Brings the store in line with `wanted` (the files of the items scheduled now or later, most urgent first):
   * downloads (`download`: the file's bytes, from the server; throws when they cannot be had) the missing ones that
   * fit, dropping unscheduled files (oldest first) to make room.
   */
  async sync(
    wanted: readonly WantedFile[],
    download: (file: WantedFile) => Promise<Buffer>,
  ): Promise<MediaSyncResult> {
    const result: MediaSyncResult = { downloaded: [], failed: [], overBudget: [], evicted: [] };
    const scheduled = new Set(wanted.map((w) => w.id));
    for (const file of wanted) {
      if (this.held.has(file.id)) continue;
      if (!FILE_ID.test(file.id)) {
        result.failed.push({ id: file.id, reason: 'id non valido' });
        continue;
      }
      if (!(await this.makeRoom(file.bytes, scheduled, result.evicted))) {
        result.overBudget.push(file.id);
        continue;
      }
      try {
        const bytes = await download(file);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        if (sha256 !== file.sha256) throw new Error(`sha256 ${sha256} instead of ${file.sha256}`);
        // written under a temporary name, then renamed: a power cut leaves no half file under the real name
        const temporary = join(this.options.directory, `${file.id}.part`);
        await writeFile(temporary, bytes);
        await rename(temporary, this.pathOf(file.id));
        this.held.set(file.id, { ...file, bytes: bytes.length, storedAt: this.now() });
        await this.saveManifest();
        result.downloaded.push(file.id);
      } catch (error) {
        result.failed.push({ id: file.id, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return result;
  }

  /** Drops unscheduled files, oldest first, until `bytes` more fit; false (nothing dropped) when they cannot. */
  private async makeRoom(bytes: number, scheduled: ReadonlySet<string>, evicted: string[]): Promise<boolean> {
    const droppable = this.list().filter((f) => !scheduled.has(f.id));
    const freeable = droppable.reduce((sum, f) => sum + f.bytes, 0);
    let free = this.options.budgetBytes - this.usedBytes;
    if (bytes > free + freeable) return false;
    for (const file of droppable) {
      if (bytes <= free) break;
      this.held.delete(file.id);
      await rm(this.pathOf(file.id), { force: true });
      free += file.bytes;
      evicted.push(file.id);
    }
    await this.saveManifest();
    return true;
  }

  private pathOf(id: string): string {
    return join(this.options.directory, id);
  }

  private async saveManifest(): Promise<void> {
    const path = join(this.options.directory, MANIFEST);
    await writeFile(`${path}.tmp`, JSON.stringify(this.list()));
    await rename(`${path}.tmp`, path);
  }
}
