import { verifyCardToken } from '@vigevano/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { checkinServiceFor } from '../testing/checkin-service';
import { createKioskFixture, type KioskFixture } from '../testing/kiosk-fixture';
import { CardIssuer, CardNotFound } from './card-issuer';
import { issuerDirectory } from './issuers';

describe('cards issued at the kiosk', () => {
  let f: KioskFixture;
  afterEach(() => f?.close());

  it('issues a card offline, signed with the device key, that verifies and checks in', async () => {
    f = await createKioskFixture();
    const issuer = new CardIssuer(f.db, f.identity);
    const { card, token } = await issuer.issue({ alias: ' Amina ', language: 'fr' });
    expect(card).toMatchObject({
      alias: 'Amina',
      language: 'fr',
      issuer: f.identity.deviceId,
      hubId: f.hub.id,
      revoked: false,
    });
    const verified = verifyCardToken(token, await issuerDirectory(f.db, f.identity));
    expect(verified.ok && verified.card).toMatchObject({ cardId: card.id, alias: 'Amina', language: 'fr' });
    expect(issuer.tokenFor(card)).toBe(token);
    const service = await checkinServiceFor(f);
    expect((await service.scan(token, 'camera')).code).toBe('accepted');
  });

  it('reissues a lost card to the same visitor and refuses the old one', async () => {
    f = await createKioskFixture();
    const issuer = new CardIssuer(f.db, f.identity);
    const first = await issuer.issue({ alias: 'Mihai', language: 'ro' });
    const second = await issuer.reissue(first.card.id);
    expect(second.card.visitorId).toBe(first.card.visitorId);
    expect(second.card.id).not.toBe(first.card.id);
    const old = await f.db.cards.findOne(first.card.id).exec();
    expect(old?.toJSON()).toMatchObject({ revoked: true, revokedReason: 'reissued' });
    const service = await checkinServiceFor(f);
    expect((await service.scan(first.token, 'camera')).code).toBe('revoked');
    expect((await service.scan(second.token, 'camera')).code).toBe('accepted');
  });

  it('refuses bad input and stores nothing', async () => {
    f = await createKioskFixture();
    const issuer = new CardIssuer(f.db, f.identity);
    await expect(issuer.issue({ alias: '', language: 'it' })).rejects.toThrow('alias');
    await expect(issuer.issue({ alias: 'x'.repeat(30), language: 'it' })).rejects.toThrow('alias');
    await expect(issuer.reissue('01JD0000000000000000000009')).rejects.toBeInstanceOf(CardNotFound);
    expect(await f.db.cards.count().exec()).toBe(0);
  });
});
