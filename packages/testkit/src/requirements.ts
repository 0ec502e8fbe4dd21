/**
 * A test that needs a component that is not present skips with a printed reason on a laptop,
 * and fails in CI, where .ci/run sets VIGEVANO_REQUIRE_<NAME>=1.
 */
export function isRequired(component: 'POSTGRES' | 'BROWSER' | 'NGINX'): boolean {
  return process.env[`VIGEVANO_REQUIRE_${component}`] === '1';
}

/** Returns true when the test may run; prints why it skips; throws when CI requires the component. */
export function availableOrSkip(
  component: 'POSTGRES' | 'BROWSER' | 'NGINX',
  available: boolean,
  reason: string,
): boolean {
  if (available) return true;
  if (isRequired(component)) {
    throw new Error(`${reason} (VIGEVANO_REQUIRE_${component}=1: this must not be skipped)`);
  }
  console.warn(`[skip] ${reason}`);
  return false;
}
