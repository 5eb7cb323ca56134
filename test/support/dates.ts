/** The UTC calendar date `days` away from today, as YYYY-MM-DD: the server's notion of "today". */
export function isoDay(days = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
