/**
 * The six-digit code of an authenticator app (TOTP), as a labelled input named `code`: numeric keyboard on phones,
 * and `one-time-code` so the browser or password manager may fill it in.
 */
export function TotpCodeField({ label }: { label: string }) {
  return (
    <label>
      {label}
      <input
        name="code"
        inputMode="numeric"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        autoComplete="one-time-code"
      />
    </label>
  );
}
