import type { KioskState, Language } from '@vigevano/protocol';
import type { SignageText } from '@vigevano/signage';
import type { TFunction } from 'i18next';
import { formatTime } from '../format';

/** The signage components' words in the visit's language (resources/translations), times in the hub's zone. */
export function signageText(t: TFunction, kind: string, state: KioskState, language: Language): SignageText {
  return {
    kind,
    todayHere: t('today'),
    todayOtherHubs: t('signageOtherHubs'),
    howToGetThere: t('signageHowToGetThere'),
    noSessions: t('noSessions'),
    closedToday: t('signageClosedToday'),
    freePlaces: (places) => t('signageFreePlaces', { places }),
    full: t('signageFull'),
    walking: (minutes) => t('signageWalking', { minutes }),
    cycling: (minutes) => t('signageCycling', { minutes }),
    approximate: t('signageApproximate'),
    noDirectory: t('signageNoDirectory'),
    ticker: t('signageTicker'),
    time: (ms) => formatTime(ms, state.hub.timezone, language),
  };
}
