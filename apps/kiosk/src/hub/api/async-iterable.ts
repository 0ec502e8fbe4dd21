import type { Observable } from 'rxjs';

/**
 * An RxJS observable as the async iterable tRPC subscriptions yield from: values queue while the client reads,
 * and the subscription ends when the client goes away (the abort signal) or the observable completes.
 */
export async function* fromObservable<T>(
  source: Observable<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let failure: unknown;
  const subscription = source.subscribe({
    next: (value) => {
      queue.push(value);
      wake?.();
    },
    error: (error: unknown) => {
      failure = error;
      done = true;
      wake?.();
    },
    complete: () => {
      done = true;
      wake?.();
    },
  });
  const onAbort = () => {
    done = true;
    wake?.();
  };
  signal?.addEventListener('abort', onAbort);
  try {
    while (true) {
      while (queue.length > 0) yield queue.shift() as T;
      if (done || signal?.aborted) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    if (failure) throw failure;
  } finally {
    subscription.unsubscribe();
    signal?.removeEventListener('abort', onAbort);
  }
}
