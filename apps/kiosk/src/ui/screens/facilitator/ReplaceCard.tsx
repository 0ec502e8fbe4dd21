import type { Card, IssuedCardView } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { TouchField } from '../../keyboard/KeyboardScope';
import { kioskApi } from '../../kiosk-api';
import shared from '../../shared.module.css';
import styles from './FacilitatorScreen.module.css';

/** A lost card: find the visitor by the name on the card, issue a replacement (the old card stops working). */
export function ReplaceCard({
  token,
  onIssued,
  onError,
}: {
  token: string;
  onIssued: (issued: IssuedCardView) => void;
  onError: (m: string) => void;
}) {
  const [found, setFound] = useState<Card[] | null>(null);
  const [query, setQuery] = useState('');
  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      setFound(await kioskApi.findCards.query({ token, query }));
    } catch (e) {
      onError((e as Error).message);
    }
  };
  const replace = async (card: Card) => {
    try {
      onIssued(await kioskApi.reissueCard.mutate({ token, cardId: card.id }));
      setFound(null);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <details className={styles.fold}>
      <summary>Tessera persa: sostituisci</summary>
      <form onSubmit={search} className={styles.form}>
        <TouchField
          label="Nome sulla tessera"
          kind="name"
          value={query}
          onChange={setQuery}
          required
          maxLength={24}
          dir="auto"
        />
        <button type="submit">Cerca</button>
      </form>
      {found !== null && found.length === 0 ? (
        <p className={shared.muted}>Nessuna tessera con questo nome.</p>
      ) : null}
      {found && found.length > 0 ? (
        <ul aria-label="Tessere trovate" className={styles.found}>
          {found.map((card) => (
            <li key={card.id}>
              <bdi>{card.alias}</bdi> <span className={shared.muted}>({card.id.slice(-6)})</span>
              <button type="button" onClick={() => void replace(card)}>
                Sostituisci
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
