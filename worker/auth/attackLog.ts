// Logins refused by the PIN limit, counted per minute in memory: only for the admin's view of an
// attack (the limit itself is in D1). A restart forgets these counts, not the limit.
const MINUTES = 60;
const perMinute = new Map<number, number>();

export function noteRefusedLogin(now: number): void {
  const minute = Math.floor(now / 60_000);
  perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  for (const m of perMinute.keys()) if (m <= minute - MINUTES) perMinute.delete(m);
}

/** Logins refused in the last `minutes` minutes. */
export function refusedLogins(now: number, minutes: number): number {
  const minute = Math.floor(now / 60_000);
  let sum = 0;
  for (const [m, n] of perMinute) if (m > minute - minutes) sum += n;
  return sum;
}
