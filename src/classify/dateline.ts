/** The place line a wire story opens with: "TROY, Mich., Feb 7 (Reuters) -". */
export interface Dateline {
  /** "TROY" */
  place: string;
  /** "Mich.", "Ontario" — the part after the place that is not a date. */
  qualifier?: string;
  /** Where the text after the dateline starts. */
  end: number;
}

// Place, up to three comma-separated parts (qualifier, date), an optional "(Agency)", then a dash.
const DATELINE = /^\s*([\p{Lu}][\p{L}.'’ -]{0,40}?)\s*((?:,\s*[^,()\n–—]{1,30}?){0,3})\s*(?:\([^()\n]{1,40}\))?\s*(?:--?|–|—)\s/u;
const DATE_PART = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|^\d/i;
const TITLE_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|of|de|la|el|da|do|du|upon|on)$/u;

function looksLikePlace(place: string): boolean {
  const words = place.split(/\s+/);
  if (words.length > 5) return false;
  return place === place.toUpperCase() || words.every((w) => TITLE_WORD.test(w));
}

/** Finds the dateline at the start of a story's text, if it has one. */
export function findDateline(text: string): Dateline | undefined {
  const m = DATELINE.exec(text.slice(0, 160));
  if (!m) return undefined;
  const place = (m[1] ?? '').trim();
  if (!looksLikePlace(place)) return undefined;
  const parts = (m[2] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const qualifier = parts.find((p) => !DATE_PART.test(p));
  return { place, ...(qualifier ? { qualifier } : {}), end: m[0].length };
}
