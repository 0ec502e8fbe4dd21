import type { Card, IssuedCardView } from '@vigevano/protocol';
import { type FormEvent, useState } from 'react';
import { kioskApi } from '../../kiosk-api';
import shared from '../../shared.module.css';

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
  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = String(new FormData(event.currentTarget).get('query') ?? '');
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
    <details>
      <summary>Tessera persa: sostituisci</summary>
      <form onSubmit={search}>
        <label>
          Nome sulla tessera
          <input name="query" required maxLength={24} dir="auto" />
        </label>
        <button type="submit">Cerca</button>
      </form>
      {found !== null && found.length === 0 ? (
        <p className={shared.muted}>Nessuna tessera con questo nome.</p>
      ) : null}
      {found && found.length > 0 ? (
        <ul aria-label="Tessere trovate">
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
