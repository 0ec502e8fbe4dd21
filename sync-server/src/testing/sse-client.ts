/** A Server-Sent Events response read as text by a test: what arrived so far, and whether it has ended. */
export interface SseClient {
  status: number;
  headers: Headers;
  /** waits until the text received contains `needle` (true) or `ms` pass (false) */
  waitFor(needle: string, ms: number): Promise<boolean>;
  /** everything received so far */
  text(): string;
  /** how many times `needle` occurs in the text received so far */
  count(needle: string): number;
  /** waits until the server ends the response (true) or `ms` pass (false) */
  ended(ms: number): Promise<boolean>;
  close(): void;
}

/** Opens `url` with a device's bearer token over real HTTP and reads it in the background. */
export async function openSse(url: string, token: string): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  let text = '';
  let done = false;
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>)
        text += decoder.decode(chunk, { stream: true });
    } catch {
      // aborted by close(), or the connection was cut
    }
    done = true;
  })();
  // Polls what arrived: cheap, and no timing is asserted (the bound is only how long to wait at most).
  const until = (ready: () => boolean, ms: number) =>
    new Promise<boolean>((resolve) => {
      const deadline = Date.now() + ms;
      const check = () => {
        if (ready()) resolve(true);
        else if (Date.now() >= deadline) resolve(false);
        else setTimeout(check, 20);
      };
      check();
    });
  return {
    status: res.status,
    headers: res.headers,
    waitFor: (needle, ms) => until(() => text.includes(needle), ms),
    text: () => text,
    count: (needle) => text.split(needle).length - 1,
    ended: (ms) => until(() => done, ms),
    close: () => abort.abort(),
  };
}
