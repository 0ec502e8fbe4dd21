// The kiosk page's side of `npm run bench:kiosk` (kiosk.bench.ts explains the method), added with addInitScript
// before the kiosk's own scripts. Plain JavaScript on purpose: it runs in the page as it is written here, and the
// bench's Node typecheck has no DOM types. Records into window.__bench:
// - a pass's start: the frame where the video's corner marker turns white → black (the first frame showing the
//   whole card), when the previous frame was seen by the same <video> with no frame skipped;
// - its end: the first animation frame after the answer's <main data-code> is inserted; then touches the answer;
// - the scanner's frame grabs (createImageBitmap of a <video>) and the decode worker's answers, to split the time.
(() => {
  const markerSide = window.__benchMarkerSide;
  const record = { passes: [], unstarted: 0, missed: 0 };
  window.__bench = record;
  let pending = null;
  const grabs = [];
  const decodes = [];

  const realCreateImageBitmap = window.createImageBitmap.bind(window);
  window.createImageBitmap = (...params) => {
    if (params[0] instanceof HTMLVideoElement) grabs.push(performance.now());
    return realCreateImageBitmap(...params);
  };
  const RealWorker = window.Worker;
  window.Worker = class extends RealWorker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (event) => {
        if (event.data.type === 'result')
          decodes.push({ at: performance.now(), text: event.data.text != null });
      });
    }
  };

  const canvas = document.createElement('canvas');
  canvas.width = 4;
  canvas.height = 4;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const watched = new WeakSet();
  const watch = (video) => {
    watched.add(video);
    let previous = null;
    const onFrame = (_now, meta) => {
      if (!video.isConnected) return;
      video.requestVideoFrameCallback(onFrame);
      if (!context) return;
      context.drawImage(video, 4, 4, markerSide - 8, markerSide - 8, 0, 0, 4, 4);
      const pixels = context.getImageData(0, 0, 4, 4).data;
      let sum = 0;
      for (let i = 0; i < pixels.length; i += 4) sum += pixels[i];
      const whole = sum / 16 < 128;
      const contiguous = previous !== null && meta.presentedFrames === previous.frames + 1;
      if (whole && previous && !previous.whole && contiguous) {
        if (pending) record.missed += 1;
        pending =
          meta.captureTime !== undefined
            ? {
                start: meta.captureTime,
                startSource: 'captureTime',
                presentationLag: meta.presentationTime - meta.captureTime,
              }
            : { start: meta.presentationTime, startSource: 'presentationTime', presentationLag: null };
      }
      previous = { whole, frames: meta.presentedFrames };
    };
    video.requestVideoFrameCallback(onFrame);
  };

  let lastAnswer = null;
  new MutationObserver(() => {
    for (const video of document.querySelectorAll('video')) if (!watched.has(video)) watch(video);
    const answer = document.querySelector('main[data-code]');
    if (!answer || answer === lastAnswer) return;
    lastAnswer = answer;
    requestAnimationFrame(() => {
      const shown = performance.now();
      if (pending) {
        const start = pending.start;
        const decoded = decodes.find((d) => d.text && d.at >= start)?.at ?? null;
        const grab =
          decoded === null ? null : (grabs.filter((g) => g >= start && g <= decoded).at(-1) ?? null);
        record.passes.push({
          ...pending,
          grab,
          decoded,
          answer: shown,
          code: answer.getAttribute('data-code') ?? '',
        });
        pending = null;
      } else record.unstarted += 1;
      answer.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
  }).observe(document, { childList: true, subtree: true });
})();
