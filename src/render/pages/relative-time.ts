import type { Story } from '../../domain/index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Beyond a week a reader wants the date, not a count of days.
const RELATIVE_DAYS = 7;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How long ago something happened, worded for a reader at one instant, and when that wording next changes. */
export interface RelativeTime {
  text: string;
  /** Epoch milliseconds at which `text` stops being right; Infinity when it never does (a date). */
  changesAt: number;
}

/** "just now", "12 min ago", "3 h ago", "2 days ago", then the date ("3 May 2025"), as of `now`. */
export function relativeTime(date: Date, now: Date): RelativeTime {
  const at = date.getTime();
  if (Number.isNaN(at)) return { text: 'date unknown', changesAt: Number.POSITIVE_INFINITY };
  const age = now.getTime() - at;
  // A date ahead of the reader's clock (a few seconds of skew between hosts) is "just now" too.
  if (age < MINUTE) return { text: 'just now', changesAt: at + MINUTE };
  if (age < HOUR) return counted(at, age, MINUTE, (n) => `${n} min ago`);
  if (age < DAY) return counted(at, age, HOUR, (n) => `${n} h ago`);
  if (age < RELATIVE_DAYS * DAY) return counted(at, age, DAY, (n) => (n === 1 ? '1 day ago' : `${n} days ago`));
  return { text: calendarDate(date), changesAt: Number.POSITIVE_INFINITY };
}

function counted(at: number, age: number, unit: number, word: (n: number) => string): RelativeTime {
  const n = Math.floor(age / unit);
  return { text: word(n), changesAt: at + (n + 1) * unit };
}

/** The date in UTC as a reader writes it: "3 May 2025". */
export function calendarDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** The date and time in UTC, for a tooltip: "3 May 2025, 09:00 UTC". */
export function absoluteTime(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${calendarDate(date)}, ${hh}:${mm} UTC`;
}

/** The earliest instant at which any relative time shown for these stories changes wording (Infinity if none will). */
export function wordingChangesAt(stories: readonly Story[], now: Date): number {
  let soonest = Number.POSITIVE_INFINITY;
  for (const story of stories) soonest = Math.min(soonest, relativeTime(new Date(story.item.published), now).changesAt);
  return soonest;
}
