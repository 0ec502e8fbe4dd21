import Holidays from 'date-holidays';

// Italian public holidays (national, by law 260/1949 and later amendments, Easter Monday included), from the
// date-holidays library: it is maintained, computes movable feasts (Easter) and knows the holidays added by law
// (San Francesco, 4 October, from 2026), so we do not keep a calendar of our own. Local feasts (a city's patron)
// are not national: a hub enters them as closures.
const italy = new Holidays('IT', { languages: ['it'], types: ['public'] });

/** The Italian public holidays of `year`, by local date `YYYY-MM-DD` → Italian name. */
export function italianPublicHolidays(year: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of italy.getHolidays(year) || [])
    if (h.type === 'public') out.set(h.date.slice(0, 10), h.name);
  return out;
}
