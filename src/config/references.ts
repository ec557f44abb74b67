import type { ConfigIssue } from './locate.ts';

/** The parts of a raw entry that references are checked on; anything not a string is left out. */
interface Entry {
  index: number;
  id: string | undefined;
  /** Region ids referred to; undefined where the entry is not a string (the schema reports those). */
  refs: (string | undefined)[];
}

/**
 * Problems between entries: duplicate ids, references to unknown regions, include cycles.
 * Reads the raw parsed file leniently, so these are reported alongside schema errors, not after them.
 */
export function checkReferences(raw: unknown): ConfigIssue[] {
  const regions = entriesAt(raw, 'regions', ['include']);
  const sources = entriesAt(raw, 'sources', ['default', 'regions']);
  const regionIds = new Set(regions.map((entry) => entry.id));
  return [
    ...duplicateIds('regions', 'region', regions),
    ...duplicateIds('sources', 'source', sources),
    ...unknownRefs(regions, regionIds, ['regions', 'include']),
    ...unknownRefs(sources, regionIds, ['sources', 'default', 'regions']),
    ...includeCycles(regions),
  ];
}

function duplicateIds(section: string, noun: string, entries: Entry[]): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const { index, id } of entries) {
    if (id === undefined) continue;
    if (seen.has(id)) issues.push({ path: [section, index, 'id'], message: `duplicate ${noun} id "${id}"` });
    seen.add(id);
  }
  return issues;
}

// `where` is [section, ...keys to the list]; the entry index goes after the section.
function unknownRefs(entries: Entry[], known: Set<string | undefined>, where: [string, ...string[]]): ConfigIssue[] {
  const [section, ...keys] = where;
  return entries.flatMap(({ index, refs }) =>
    refs.flatMap((id, at) => (id === undefined || known.has(id) ? [] : [{ path: [section, index, ...keys, at], message: `unknown region "${id}"` }])),
  );
}

// Depth-first search; an include that reaches a region still on the stack closes a cycle.
function includeCycles(regions: Entry[]): ConfigIssue[] {
  const byId = new Map(regions.flatMap((entry) => (entry.id === undefined ? [] : [[entry.id, entry] as const])));
  const done = new Set<string>();
  const stack: string[] = [];
  const issues: ConfigIssue[] = [];
  const visit = (entry: Entry & { id: string }): void => {
    stack.push(entry.id);
    entry.refs.forEach((id, at) => {
      if (id === undefined) return;
      if (stack.includes(id)) {
        const cycle = [...stack.slice(stack.indexOf(id)), id].join(' → ');
        issues.push({ path: ['regions', entry.index, 'include', at], message: `include cycle: ${cycle}` });
      } else {
        const next = byId.get(id);
        if (next && !done.has(id)) visit({ ...next, id });
      }
    });
    stack.pop();
    done.add(entry.id);
  };
  for (const [id, entry] of byId) if (!done.has(id)) visit({ ...entry, id });
  return issues;
}

function entriesAt(raw: unknown, section: string, refKeys: string[]): Entry[] {
  const list = valueAt(raw, [section]);
  if (!Array.isArray(list)) return [];
  return list.map((item, index) => {
    const id = valueAt(item, ['id']);
    const refs = valueAt(item, refKeys);
    return {
      index,
      id: typeof id === 'string' ? id : undefined,
      refs: Array.isArray(refs) ? refs.map((ref) => (typeof ref === 'string' ? ref : undefined)) : [],
    };
  });
}

function valueAt(value: unknown, keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
