import { type Content, type MediaHeldReport, mediaRoutes, routeUrl } from '@vigevano/protocol';
import { debounceTime, interval, merge, type Observable, type Subscription, startWith } from 'rxjs';
import type { MediaStore, WantedFile } from './media-store';
import { wantedMedia } from './wanted-media';

export interface MediaSyncOptions {
  store: MediaStore;
  hubId: string;
  serverUrl: string;
  /** the kiosk's device bearer token */
  token: string;
  /** every content document the kiosk holds */
  content: () => Promise<Content[]>;
  /** emits when the content collection changes (a sync brought new items) */
  contentChanged$: Observable<unknown>;
  /** how often to try again what failed, and to notice items whose schedule ended (default 60 s) */
  retryMs?: number;
  fetch?: typeof fetch;
  /** told what each pass did (logging) */
  onPass?: (outcome: { downloaded: number; failed: number; overBudget: number; evicted: number }) => void;
}

/** How long one file may take to download before the pass gives up on it (a 20 MB video on a slow line). */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * Keeps the kiosk's media store in step with its content: after content syncs (and every retryMs, for what failed
 * or did not fit), downloads the files its items need from the server, then reports what it holds (ids, bytes,
 * budget) for the dashboard's Totem page. Passes never overlap; a failure waits for the next pass.
 */
export function startMediaSync(options: MediaSyncOptions): { stop(): Promise<void>; pass(): Promise<void> } {
  const fetchImpl = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.token}` };
  let reported = '';
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const download = async (file: WantedFile): Promise<Buffer> => {
    const url = new URL(routeUrl(mediaRoutes.file, { fileId: file.id }), options.serverUrl);
    const res = await fetchImpl(url, { headers, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`the server answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };

  const report = async () => {
    const body: MediaHeldReport = {
      budgetBytes: options.store.budgetBytes,
      files: options.store.list().map((f) => ({ id: f.id, bytes: f.bytes })),
    };
    const text = JSON.stringify(body);
    if (text === reported) return;
    const res = await fetchImpl(new URL(mediaRoutes.held.path, options.serverUrl), {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: text,
      signal: AbortSignal.timeout(30_000),
    });
    if (res.ok) reported = text;
  };

  const onePass = async () => {
    if (stopped) return;
    const wanted = wantedMedia(await options.content(), options.hubId, Date.now());
    const result = await options.store.sync(wanted, download);
    options.onPass?.({
      downloaded: result.downloaded.length,
      failed: result.failed.length,
      overBudget: result.overBudget.length,
      evicted: result.evicted.length,
    });
    await report().catch(() => undefined); // offline: reported on a later pass
  };
  const pass = () => {
    running = running.then(onePass).catch(() => undefined);
    return running;
  };
  const subscription: Subscription = merge(
    options.contentChanged$.pipe(debounceTime(500)),
    interval(options.retryMs ?? 60_000),
  )
    .pipe(startWith(0))
    .subscribe(() => void pass());
  return {
    pass,
    stop: async () => {
      stopped = true;
      subscription.unsubscribe();
      await running;
    },
  };
}
