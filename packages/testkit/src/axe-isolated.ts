import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import type { AxeViolation } from './axe';

// axe-core's own bundle, read once: injected into each frame's isolated world.
const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface FrameTree {
  frame: { id: string; url: string };
  childFrames?: FrameTree[];
}

function framesOf(tree: FrameTree): FrameTree['frame'][] {
  return [tree.frame, ...(tree.childFrames ?? []).flatMap(framesOf)];
}

/**
 * axe-core's rules with `tags` on the page as it is now, run in an isolated world of each of the page's frames
 * (Chromium's DevTools protocol: Page.createIsolatedWorld), the way browser extensions run it. Why: a page whose
 * clock Playwright drives (`page.clock`, paused) holds every timer of its main world, and axe-core waits on timers
 * between rules; in an isolated world axe-core has the browser's own timers, while it reads the same DOM and
 * styles. The main world and its clock are left alone, so an answer screen stays on while it is checked.
 * Frames are checked each on its own (axe's `iframes: false`); a violation inside a child frame names its URL.
 * Returns the violations, empty when clean. Chromium only; throws if axe-core fails in a frame.
 */
export async function axeViolationsIsolated(page: Page, tags: readonly string[]): Promise<AxeViolation[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
    const found: AxeViolation[] = [];
    for (const [index, frame] of framesOf(frameTree).entries()) {
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
        frameId: frame.id,
        worldName: 'vigevano-axe',
      });
      await cdp.send('Runtime.evaluate', { expression: axeSource, contextId: executionContextId });
      const run = await cdp.send('Runtime.evaluate', {
        expression: `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} }, iframes: false, resultTypes: ['violations'] }).then((r) => r.violations)`,
        contextId: executionContextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (run.exceptionDetails)
        throw new Error(`axe-core failed in ${frame.url}: ${run.exceptionDetails.exception?.description}`);
      const where = index === 0 ? '' : `(in frame ${frame.url}) `;
      for (const v of run.result.value as AxeResults['violations'])
        found.push({ id: v.id, help: v.help, targets: v.nodes.map((n) => where + n.target.join(' ')) });
    }
    return found;
  } finally {
    await cdp.detach();
  }
}
