/**
 * A ref callback that puts the keyboard focus in a field when its screen opens: on a kiosk the next thing anyone
 * does there is type (a code, a PIN), and screen readers announce the field. Used instead of `autoFocus`, which
 * React applies inconsistently.
 */
export function focusOnMount(element: HTMLInputElement | null): void {
  element?.focus();
}
