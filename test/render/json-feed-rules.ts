/**
 * What JSON Feed 1.1 (https://jsonfeed.org/version/1.1) requires of a document, as a list of problems
 * (empty when there are none). The W3C Feed Validator reads only XML, so this stands in for it.
 */
export function jsonFeedProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return ['the document is not an object'];
  if (doc.version !== 'https://jsonfeed.org/version/1.1') problems.push(`version is ${String(doc.version)}`);
  if (!nonEmptyString(doc.title)) problems.push('title is missing');
  for (const key of ['home_page_url', 'feed_url', 'next_url', 'icon', 'favicon']) checkUrl(doc[key], key, problems);
  if (doc.author !== undefined) problems.push('author is JSON Feed 1.0; 1.1 has authors');
  checkAuthors(doc.authors, 'feed', problems);
  if (doc.hubs !== undefined) {
    if (!Array.isArray(doc.hubs)) problems.push('hubs is not an array');
    else
      doc.hubs.forEach((hub, i) =>
        isObject(hub) && nonEmptyString(hub.type) ? checkUrl(hub.url, `hubs[${i}].url`, problems, true) : problems.push(`hubs[${i}] has no type`),
      );
  }
  if (!Array.isArray(doc.items)) return [...problems, 'items is not an array'];
  const ids = new Set<string>();
  doc.items.forEach((item, i) => {
    if (!isObject(item)) return problems.push(`items[${i}] is not an object`);
    if (!nonEmptyString(item.id)) problems.push(`items[${i}].id is not a non-empty string`);
    else if (ids.has(item.id)) problems.push(`items[${i}].id ${item.id} is repeated`);
    else ids.add(item.id);
    itemProblems(item, `items[${i}]`, problems);
    return undefined;
  });
  return problems;
}

function itemProblems(item: Record<string, unknown>, at: string, problems: string[]): void {
  if (!nonEmptyString(item.content_html) && !nonEmptyString(item.content_text)) problems.push(`${at} has neither content_html nor content_text`);
  for (const key of ['content_html', 'content_text', 'summary', 'title']) {
    if (item[key] !== undefined && !nonEmptyString(item[key])) problems.push(`${at}.${key} is empty or not a string`);
  }
  for (const key of ['url', 'external_url', 'image', 'banner_image']) checkUrl(item[key], `${at}.${key}`, problems);
  for (const key of ['date_published', 'date_modified']) {
    const value = item[key];
    if (value !== undefined && !(typeof value === 'string' && RFC3339.test(value))) problems.push(`${at}.${key} is not RFC 3339: ${String(value)}`);
  }
  if (item.author !== undefined) problems.push(`${at}.author is JSON Feed 1.0; 1.1 has authors`);
  checkAuthors(item.authors, at, problems);
  if (item.tags !== undefined && !(Array.isArray(item.tags) && item.tags.every(nonEmptyString))) problems.push(`${at}.tags is not a list of strings`);
  if (item.attachments !== undefined) {
    if (!Array.isArray(item.attachments)) problems.push(`${at}.attachments is not an array`);
    else item.attachments.forEach((attachment, j) => attachmentProblems(attachment, `${at}.attachments[${j}]`, problems));
  }
  for (const key of Object.keys(item)) {
    if (!ITEM_KEYS.has(key) && !key.startsWith('_')) problems.push(`${at}.${key} is not a JSON Feed field (extensions start with _)`);
  }
}

function attachmentProblems(attachment: unknown, at: string, problems: string[]): void {
  if (!isObject(attachment)) return void problems.push(`${at} is not an object`);
  checkUrl(attachment.url, `${at}.url`, problems, true);
  if (!(typeof attachment.mime_type === 'string' && MEDIA_TYPE.test(attachment.mime_type))) problems.push(`${at}.mime_type is missing or malformed`);
  const size = attachment.size_in_bytes;
  if (size !== undefined && !(Number.isInteger(size) && (size as number) > 0)) problems.push(`${at}.size_in_bytes is not a positive integer`);
}

function checkAuthors(authors: unknown, at: string, problems: string[]): void {
  if (authors === undefined) return;
  if (!Array.isArray(authors) || authors.length === 0) return void problems.push(`${at}.authors is not a non-empty array`);
  authors.forEach((author, i) => {
    if (!isObject(author) || !(nonEmptyString(author.name) || nonEmptyString(author.url))) problems.push(`${at}.authors[${i}] has no name or url`);
    else checkUrl(author.url, `${at}.authors[${i}].url`, problems);
  });
}

function checkUrl(value: unknown, at: string, problems: string[], required = false): void {
  if (value === undefined && !required) return;
  if (!(typeof value === 'string' && isAbsoluteWebUrl(value))) problems.push(`${at} is not an absolute http(s) URL: ${String(value)}`);
}

/** True for an absolute http(s) URL. */
export function isAbsoluteWebUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** An RFC 3339 date-time. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?:\s*;.*)?$/;
const ITEM_KEYS = new Set([
  'id',
  'url',
  'external_url',
  'title',
  'content_html',
  'content_text',
  'summary',
  'image',
  'banner_image',
  'date_published',
  'date_modified',
  'authors',
  'tags',
  'language',
  'attachments',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
