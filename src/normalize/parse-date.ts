import { monthIndex } from './month-names.ts';

// RFC 822/1123 zone names plus the few abbreviations news feeds commonly use instead of offsets.
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7,
  bst: 1, cet: 1, cest: 2, eet: 2, eest: 3, msk: 3, jst: 9, kst: 9, hkt: 8, aest: 10, aedt: 11,
};

// "Tue, 02 Mar 2021 23:39:15 +0100", "2 Mar 21 23:39 GMT", "mar, 15 nov 2022 20:15:04 +0100",
// "Вт, 5 марта 2024 10:00 +0300": day name (any language) and seconds optional.
const RFC_822 =
  /^(?:\p{L}+\.?,?\s*)?(\d{1,2})\.?\s+(\p{L}{3,})\.?,?\s+(\d{2,4}),?\s+(?:\p{L}{1,3}\s+)?(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})?$/iu;
// Seconds (or milliseconds) since 1970, as some JSON and CMS feeds write dates.
const EPOCH = /^\d{9,10}$|^\d{12,13}$/;
// "2021-03-02T23:39:15.123+01:00", "2021-03-02 23:39", "2021-03-02"; no zone is read as UTC.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A feed's date string (RFC 822 or ISO 8601) as a Date, or undefined when it cannot be read. */
export function parseFeedDate(raw: string | undefined): Date | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const date = EPOCH.test(text) ? new Date(text.length > 10 ? +text : +text * 1000) : (parseIso(text) ?? parseRfc822(text));
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function parseIso(text: string): Date | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const millis = Number(`0.${m[7] ?? '0'}`) * 1000;
  const utc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.round(millis));
  return checked(utc - offsetMinutes(m[8]) * 60_000, +m[2]!, +m[3]!);
}

function parseRfc822(text: string): Date | undefined {
  const m = RFC_822.exec(text);
  if (!m) return undefined;
  const month = monthIndex(m[2]!);
  if (month === undefined) return undefined;
  let year = +m[3]!;
  // Two-digit years (RFC 822) pivot at 50, as most readers do.
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  const zone = m[7]?.toLowerCase();
  if (zone && /^[a-z]/.test(zone) && !(zone in ZONES)) return undefined;
  const utc = Date.UTC(year, month, +m[1]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  return checked(utc - offsetMinutes(zone) * 60_000, month + 1, +m[1]!);
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named * 60;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return 0;
  const minutes = +m[2]! * 60 + +(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

// Date.UTC would roll month 13 or day 0 into a neighbour; such a date is a typo, not a date.
function checked(epoch: number, month: number, day: number): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(epoch);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
