import type { Classification, GeoPoint } from '../domain/index.ts';

/** What the classifier reads from one item, plus its source's fallbacks. */
export interface ClassifyInput {
  title: string;
  text: string;
  geo?: GeoPoint;
  /** ISO codes used when the text gives no geographic signal. */
  defaultCountries: string[];
  /** Region ids used when the text gives no geographic signal. */
  defaultRegions: string[];
  /** BCP 47 tag of the text ("fr", "de-AT"); Latin-script foreign names count only in their language. */
  language?: string;
}

/** Places a story in countries and regions; built once, used for every item. */
export interface Classifier {
  classify(input: ClassifyInput): Classification;
}

/** What sort of name a gazetteer phrase is; decides its weight and how carefully it is matched. */
export type PlaceType =
  | 'country'
  | 'demonym'
  | 'capital'
  | 'city'
  | 'subdivision'
  | 'landmark'
  /** A phrase that names no single country ("Latin America"): it only stops shorter matches inside it. */
  | 'none';

/** One meaning of a gazetteer phrase. A phrase with several meanings lists each. */
export interface Place {
  /** ISO 3166-1 alpha-2, upper case; empty for `none`. */
  country: string;
  type: PlaceType;
  /** Inhabitants, for cities; 0 when unknown. */
  population: number;
  /** Matches only when written in capitals ("US", not "us"). */
  upperOnly?: boolean;
  /** Also a person's given name or surname ("Jordan", "Chad"): skipped next to other capitalised names. */
  personName?: boolean;
  /** A place several countries claim ("Kuril Islands"): every meaning counts, none is chosen. */
  shared?: boolean;
  /** A Latin-script foreign name ("Allemagne"): counts only in text of this language ("fr"). */
  language?: string;
}

/** What matching learns from one lookup: the phrase's meanings, and whether longer phrases start so. */
export interface IndexEntry {
  places: Place[] | undefined;
  continues: boolean;
}

/** The place names the classifier knows, keyed by normalised phrase (see tokenize.ts). */
export interface Gazetteer {
  phrases: Map<string, Place[]>;
  /** The same phrases plus every leading part of a longer one ("new south"), for one lookup per word. */
  index: Map<string, IndexEntry>;
  /** "Mich", "Ontario", "Texas" … after a comma: which country the place before it is in. */
  qualifiers: Map<string, string>;
  /** Russian names by stem ("япони"), so every case form ("Японии", "Японией") finds them. */
  stems: Map<string, Place[]>;
  /** Chinese and Japanese names, found inside runs of text without spaces; longest first. */
  cjk: Map<string, Place[]>;
  /** The longest key of `cjk`, in UTF-16 units. */
  cjkMaxLength: number;
}
