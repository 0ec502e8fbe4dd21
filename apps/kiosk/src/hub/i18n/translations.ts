import type { Language } from '@vigevano/protocol';
import ar from '../../../../../resources/translations/ar.json';
import en from '../../../../../resources/translations/en.json';
import es from '../../../../../resources/translations/es.json';
import fr from '../../../../../resources/translations/fr.json';
import it from '../../../../../resources/translations/it.json';
import ro from '../../../../../resources/translations/ro.json';
import sq from '../../../../../resources/translations/sq.json';
import uk from '../../../../../resources/translations/uk.json';
import zh from '../../../../../resources/translations/zh.json';

/** Every language's strings, Italian the reference whose keys every other language must have. */
export const TRANSLATIONS: Record<Language, typeof it> = { it, en, ar, fr, es, ro, sq, uk, zh };
