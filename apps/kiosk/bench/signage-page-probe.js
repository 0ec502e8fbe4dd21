// The kiosk page's side of `npm run bench:signage` (signage.bench.ts explains the method), added with
// addInitScript before the kiosk's own scripts. Plain JavaScript: it runs in the page as written, and the bench's
// Node typecheck has no DOM types. Records into window.__signage, which the bench reads and empties every few
// seconds (so the probe's own arrays never grow with the run and never weigh on the memory it measures):
// - switches: for each info screen that comes on (the carousel's heading changes), the time React's change reached
//   the DOM (a MutationObserver callback) and the start of the next animation frame, which paints it;
// - frames: a requestAnimationFrame loop's gaps longer than 50 ms (three 60 Hz frames: visibly dropped), and the
//   count of frames.
(() => {
  const record = { firstFrameAt: null, switches: [], longFrames: [], frames: 0 };
  window.__signage = record;
  let lastTitle = null;
  const look = () => {
    const title = document.querySelector('[aria-roledescription] h2')?.textContent ?? null;
    if (!title || title === lastTitle) return;
    lastTitle = title;
    const committed = performance.now();
    requestAnimationFrame((frame) => {
      if (record.firstFrameAt === null) record.firstFrameAt = performance.timeOrigin + frame;
      record.switches.push({ committed, frame });
    });
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  let previous = null;
  const loop = (now) => {
    if (previous !== null && now - previous > 50) record.longFrames.push(now - previous);
    previous = now;
    record.frames += 1;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
})();
