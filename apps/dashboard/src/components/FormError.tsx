/**
 * A form's error, read out by screen readers as soon as it appears (role="alert"); nothing when there is none.
 * `id` lets an input point at it with aria-describedby.
 */
export function FormError({ error, id }: { error: string | null | undefined; id?: string }) {
  return error ? (
    <p id={id} role="alert" className="error">
      {error}
    </p>
  ) : null;
}
