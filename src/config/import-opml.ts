import { parseOpml } from 'feedsmith';
import { ConfigError } from '../domain/index.ts';
import { canonicalUrl } from '../normalize/index.ts';
import { sourceSchema } from './schema.ts';

/** A source to write into the imported file, as the config file spells it. */
export interface ImportedSource {
  id: string;
  url: string;
  title: string;
  language: string;
}

/** An OPML entry left out, and why. */
export interface SkippedEntry {
  title: string;
  url: string;
  reason: string;
}

/** What importing an OPML export would add: the sources to write and the entries left out. */
export interface OpmlImport {
  sources: ImportedSource[];
  skipped: SkippedEntry[];
}

/** The sources already configured, to keep ids unique and find duplicates. */
export interface ExistingSource {
  id: string;
  url: string;
}

type Outline = { text?: string; title?: string; xmlUrl?: string; language?: string; outlines?: Outline[] };

/**
 * Turns an OPML export into sources: every outline with an `xmlUrl`, folders flattened. Ids come
 * from titles, made unique against `existing` and each other; an entry whose canonical URL is
 * already configured (or imported above it) is skipped and reported. An entry's own `language` is
 * used when it is a valid tag, else `defaultLanguage`; with neither, the import is refused.
 */
export function importOpml(text: string, file: string, existing: ExistingSource[], defaultLanguage?: string): OpmlImport {
  if (defaultLanguage !== undefined && validLanguage(defaultLanguage) === undefined) {
    throw new ConfigError(`import-opml: --language "${defaultLanguage}" must be a BCP 47 language tag such as "en" or "pt-BR"`);
  }
  const outlines = readOutlines(text, file);
  const ids = new Set(existing.map((source) => source.id));
  const urls = new Map(existing.flatMap((source) => (URL.canParse(source.url) ? [[canonicalUrl(source.url), source.id] as const] : [])));
  const sources: ImportedSource[] = [];
  const skipped: SkippedEntry[] = [];
  const unlabelled: string[] = [];
  for (const outline of outlines) {
    const url = outline.xmlUrl?.trim() ?? '';
    const title = (outline.title ?? outline.text ?? '').trim() || hostOf(url) || url;
    if (!sourceSchema.shape.url.safeParse(url).success) {
      skipped.push({ title, url, reason: 'not an absolute http(s) URL' });
      continue;
    }
    const same = urls.get(canonicalUrl(url));
    if (same !== undefined) {
      skipped.push({ title, url, reason: `duplicate of source "${same}"` });
      continue;
    }
    const language = validLanguage(outline.language) ?? defaultLanguage;
    if (language === undefined) unlabelled.push(title);
    const id = uniqueId(slugOf(title) || slugOf(hostOf(url)) || 'source', ids);
    ids.add(id);
    urls.set(canonicalUrl(url), id);
    sources.push({ id, url, title, language: language ?? '' });
  }
  if (unlabelled.length > 0) {
    const named = unlabelled.slice(0, 3).join('", "');
    throw new ConfigError(
      `import-opml: ${file}: ${unlabelled.length} entries name no language ("${named}"${unlabelled.length > 3 ? ', …' : ''}): give one with --language`,
    );
  }
  return { sources, skipped };
}

function readOutlines(text: string, file: string): Outline[] {
  let body: Outline[] | undefined;
  try {
    body = parseOpml(text).body?.outlines as Outline[] | undefined;
  } catch (error) {
    throw new ConfigError(`import-opml: ${file}: not an OPML document (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const flat = (list: Outline[]): Outline[] => list.flatMap((outline) => [...(outline.xmlUrl ? [outline] : []), ...flat(outline.outlines ?? [])]);
  return flat(body ?? []);
}

function validLanguage(tag: string | undefined): string | undefined {
  return tag !== undefined && sourceSchema.shape.language.safeParse(tag.trim()).success ? tag.trim() : undefined;
}

// "Agence France-Presse (EN)" → "agence-france-presse-en"; letters outside a-z (Cyrillic, CJK) drop out.
function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname.replace(/^www\./, '') : '';
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
