/**
 * The 13710 due date the api will set: the `n`th working day after today, at 18:00 local.
 * `days` are the calendar days after today, in order (GET /calendar/days); undefined when they run
 * out before the `n`th working day.
 */
export function nthWorkingDay(days: readonly { date: string; workday: boolean }[], n: number): string | undefined {
  let left = n;
  for (const day of days) if (day.workday && --left === 0) return day.date;
  return undefined;
}
