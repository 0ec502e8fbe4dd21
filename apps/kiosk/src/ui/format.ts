/** Hours and minutes in the hub's time zone, the way Italians write them: 09:30. */
export function formatTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone, hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function formatDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('it-IT', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(ms);
}
