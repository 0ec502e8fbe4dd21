import type { Loaded } from '../lib/use-api';
import { FormError } from './FormError';

/** Loading and error states of a page's data, announced to screen readers. */
export function Status<T>({ result }: { result: Loaded<T> }) {
  if (result.state === 'error') return <FormError error={result.message} />;
  if (result.state === 'loading')
    return (
      <p className="muted" role="status">
        Caricamento…
      </p>
    );
  return null;
}
