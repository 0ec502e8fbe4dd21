/**
 * A small seeded generator (mulberry32) for tests and benchmarks: generated images, fault draws and data sets are
 * the same on every run. Answers numbers in [0, 1). (The demo city has its own copy in sync-server/src/demo, which
 * production code may use and which must not depend on this test kit.)
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
