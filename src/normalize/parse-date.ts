import { monthIndex } from './month-names.ts';

// RFC 822/1123 zone names plus the few abbreviations news feeds commonly use instead of offsets.
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
  bst: 1,
  cet: 1,
  cest: 2,
  eet: 2,
  eest: 3,
  msk: 3,
  jst: 9,
  kst: 9,
  hkt: 8,
  aest: 10,
  aedt: 11,
};
// "+0100", "+01:00", "GMT+3", "UTC+03:00".
const OFFSET = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// A weekday in any language ("Tue,", "mer.", "martes,", "terça-feira,"), optional.
// It must end in a comma or a space, so that it never takes the head of a month name ("Ma|rch").
const WEEKDAY = String.raw`(?:\p{L}+(?:-\p{L}+)?\.?(?:,\s*|\s+))?`;
// "23:39", "23:39:15", "11:39 PM", "20h15"; groups: hour, minute, second, a|p.
const TIME = String.raw`(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?`;
// "+0100", "GMT", "GMT+0100 (Central European Standard Time)", "+0100 (CET)"; group: the zone.
const ZONE = String.raw`(?:\s*((?:gmt|utc|ut)?[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,5}))?(?:\s*\([^)]*\))?`;
// Day first: "Tue, 02 Mar 2021 23:39:15 +0100", "Вт, 5 марта 2024 10:00", "martes, 2 de marzo de 2021 23:39",
// "02-Mar-2021"; a short word may stand between date and time ("à", "um"). The time is optional.
const DAY_FIRST = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})\.?(?:\s+(?:de\s+)?|-)(\p{L}{3,})\.?(?:,?\s+(?:de\s+)?|-)(\d{4}|\d{2})(?:,?\s+(?:\p{L}{1,3}\s+)?${TIME})?${ZONE}$`,
  'iu',
);
// Month first: "Mar 2, 2021 11:39 PM", "Tue Mar 02 2021 23:39:15 GMT+0100" (JavaScript's Date string).
const MONTH_FIRST = new RegExp(String.raw`^${WEEKDAY}(\p{L}{3,})\.?\s+(\d{1,2}),?\s+(\d{4}),?(?:\s+(?:at\s+)?${TIME})?${ZONE}$`, 'iu');
// Seconds (or milliseconds) since 1970, as some JSON and CMS feeds write dates.
const EPOCH = /^\d{9,10}$|^\d{12,13}$/;
// "2021-03-02T23:39:15.123+01:00", "2021-03-02 23:39", "2021-03-02"; no zone is read as UTC.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface DateParts {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  zone?: string;
}

/** A feed's date string (RFC 822 and its variants, ISO 8601, epoch) as a Date, or undefined when it cannot be read. */
export function parseFeedDate(raw: string | undefined): Date | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  if (EPOCH.test(text)) return new Date(text.length > 10 ? +text : +text * 1000);
  const parts = isoParts(text) ?? dayFirstParts(text) ?? monthFirstParts(text);
  return parts && toDate(parts);
}

function isoParts(text: string): DateParts | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const millis = Math.round(Number(`0.${m[7] ?? '0'}`) * 1000);
  return { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0), millis, zone: m[8] };
}

function dayFirstParts(text: string): DateParts | undefined {
  const m = DAY_FIRST.exec(text);
  if (!m) return undefined;
  let year = +m[3]!;
  // Two-digit years (RFC 822) pivot at 50, as most readers do.
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  return namedMonthParts(year, m[2]!, +m[1]!, m.slice(4));
}

function monthFirstParts(text: string): DateParts | undefined {
  const m = MONTH_FIRST.exec(text);
  return m ? namedMonthParts(+m[3]!, m[1]!, +m[2]!, m.slice(4)) : undefined;
}

// `rest` holds what TIME and ZONE captured: hour, minute, second, a|p, zone.
function namedMonthParts(year: number, monthName: string, day: number, rest: Array<string | undefined>): DateParts | undefined {
  const month = monthIndex(monthName);
  const hour = hour24(+(rest[0] ?? 0), rest[3]);
  if (month === undefined || hour === undefined) return undefined;
  return { year, month: month + 1, day, hour, minute: +(rest[1] ?? 0), second: +(rest[2] ?? 0), millis: 0, zone: rest[4] };
}

// 12 AM is midnight, 12 PM noon; "0 PM" and "13 AM" are typos.
function hour24(hour: number, meridiem: string | undefined): number | undefined {
  if (!meridiem) return hour;
  if (hour < 1 || hour > 12) return undefined;
  return (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
}

// Date.UTC would roll 31 February into March and hour 25 into the next day: such a date is a typo.
function toDate({ year, month, day, hour, minute, second, millis, zone }: DateParts): Date | undefined {
  const offset = offsetMinutes(zone);
  if (offset === undefined || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // Second 60 is a leap second, as RFC 3339 allows.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

// A zone name we do not know, or an offset no place on Earth has, makes the date unreadable.
function offsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named * 60;
  const m = OFFSET.exec(zone);
  if (!m || +m[2]! > 14 || +(m[3] ?? 0) > 59) return undefined;
  const minutes = +m[2]! * 60 + +(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}
