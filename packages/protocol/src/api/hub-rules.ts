import type { ValidationIssue } from '../schema/issues';
import type { HubInput, OpeningInterval } from './hubs-admin';

const WEEKDAY_NAMES = ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'];

/** Whether `zone` is an IANA time zone this runtime knows (Intl refuses an unknown one with a RangeError). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

function intervalProblems(hours: readonly OpeningInterval[]): ValidationIssue[] {
  const problems: ValidationIssue[] = [];
  hours.forEach((h, i) => {
    if (h.close <= h.open)
      problems.push({
        path: `/openingHours/${i}/close`,
        code: 'interval_inverted',
        message: `${WEEKDAY_NAMES[h.day]}: la chiusura (${h.close}) deve essere dopo l'apertura (${h.open})`,
      });
  });
  // "HH:mm" strings compare in time order; touching intervals (09–12, 12–15) are allowed, overlapping ones are not.
  hours.forEach((h, i) => {
    const earlier = hours.findIndex(
      (o, j) => j < i && o.day === h.day && o.open < h.close && h.open < o.close && o.open < o.close,
    );
    if (earlier >= 0 && h.open < h.close) {
      const o = hours[earlier] as OpeningInterval;
      problems.push({
        path: `/openingHours/${i}/open`,
        code: 'interval_overlap',
        message: `${WEEKDAY_NAMES[h.day]}: gli orari ${o.open}–${o.close} e ${h.open}–${h.close} si sovrappongono`,
      });
    }
  });
  return problems;
}

/**
 * What is wrong with a hub as a coordinator typed it, beyond its schema (which the route checks first), in Italian
 * next to each field (issues whose `path` is a JSON Pointer into the body, as the server's refusals carry them): inverted or overlapping opening intervals of a weekday, a closure ending before it starts,
 * a time zone Intl does not know, a blank name. Empty when the hub is acceptable. The server adds what needs the
 * store (a name another hub has, an area not in the list); the dashboard runs this before sending.
 */
export function hubInputProblems(input: HubInput): ValidationIssue[] {
  const problems: ValidationIssue[] = [];
  if (input.name.trim() === '')
    problems.push({ path: '/name', code: 'blank', message: 'il nome non può essere vuoto' });
  problems.push(...intervalProblems(input.openingHours));
  input.closures.forEach((c, i) => {
    if (c.to < c.from)
      problems.push({
        path: `/closures/${i}/to`,
        code: 'closure_inverted',
        message: `chiusura: la data di fine (${c.to}) è prima della data di inizio (${c.from})`,
      });
  });
  if (!isTimeZone(input.timezone))
    problems.push({
      path: '/timezone',
      code: 'unknown_timezone',
      message: `fuso orario sconosciuto: «${input.timezone}» (usa un nome IANA, come Europe/Rome)`,
    });
  return problems;
}
