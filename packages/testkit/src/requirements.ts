/** Components a test may need. TMPFS: mounting a size-limited tmpfs (root), for full-disk tests; NGINX: a real proxy. */
export type RequiredComponent = 'POSTGRES' | 'BROWSER' | 'TMPFS' | 'NGINX';

/**
 * A test that needs a component that is not present skips with a printed reason on a laptop,
 * and fails in CI, where .ci/run sets VIGEVANO_REQUIRE_<NAME>=1.
 */
export function isRequired(component: RequiredComponent): boolean {
  return process.env[`VIGEVANO_REQUIRE_${component}`] === '1';
}

/** Returns true when the test may run; prints why it skips; throws when CI requires the component. */
export function availableOrSkip(component: RequiredComponent, available: boolean, reason: string): boolean {
  if (available) return true;
  if (isRequired(component)) {
    throw new Error(`${reason} (VIGEVANO_REQUIRE_${component}=1: this must not be skipped)`);
  }
  console.warn(`[skip] ${reason}`);
  return false;
}
