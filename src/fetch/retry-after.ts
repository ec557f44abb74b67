const DAY_SECONDS = 24 * 60 * 60;

/** Retry-After (delta-seconds or HTTP-date) as seconds from `now`, capped at a day; undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : dateSeconds(trimmed, now);
  return seconds === undefined ? undefined : Math.min(seconds, DAY_SECONDS);
}

// A date in the past means "now": zero, not a negative wait. An HTTP-date names its day and month in
// letters; Date.parse would also take "-5" as a year.
function dateSeconds(value: string, now: Date): number | undefined {
  if (!/[a-z]/i.test(value)) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  return Math.max(0, Math.ceil((time - now.getTime()) / 1000));
}
