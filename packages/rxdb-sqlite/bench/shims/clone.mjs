/** Stand-in for `clone` (deep copy), which rxdb/plugins/test-utils imports. */
export default function clone(value) {
  return structuredClone(value);
}
