import path from 'node:path';
import type { ConfigPath } from './locate.ts';
import { readYaml, type YamlFile } from './yaml-file.ts';

/** Reads an included file's text; throws (an ErrnoException) when it cannot. */
export type ReadText = (file: string) => string;

/** A problem in one file of the config. */
export interface FileIssue {
  yaml: YamlFile;
  path: ConfigPath;
  message: string;
}

/** Where an entry of a merged list came from: its file and its index there. */
export interface EntryOrigin {
  yaml: YamlFile;
  index: number;
}

/** The main file with its includes' lists appended to its own. */
export interface MergedConfig {
  raw: unknown;
  /** Per section (`sources`, `regions`), the origin of each entry of the merged list. */
  origins: Map<string, EntryOrigin[]>;
  included: YamlFile[];
  /** Problems of the includes themselves: unreadable, included twice, holding other keys. */
  issues: FileIssue[];
}

const SECTIONS = ['sources', 'regions'];

/**
 * Reads the files listed by the main file's `include:` (paths relative to it) and appends their
 * `sources:` and `regions:` to the main file's, in order. Only the main file includes.
 */
export function mergeIncludes(main: YamlFile, read: ReadText): MergedConfig {
  const listed = isRecord(main.raw) && Array.isArray(main.raw.include) ? (main.raw.include as unknown[]) : [];
  const seen = new Set([path.resolve(main.file)]);
  const included: YamlFile[] = [];
  const issues: FileIssue[] = [];
  listed.forEach((entry, at) => {
    if (typeof entry !== 'string') return; // the schema reports it
    const file = path.join(path.dirname(main.file), entry);
    const here = { yaml: main, path: ['include', at] };
    if (seen.has(path.resolve(file))) return issues.push({ ...here, message: `"${entry}" is included twice, or is the main file` });
    seen.add(path.resolve(file));
    let text: string;
    try {
      text = read(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot read file';
      return issues.push({ ...here, message: `${file}: ${reason}` });
    }
    const yaml = readYaml(text, file);
    issues.push(...shapeIssues(yaml));
    included.push(yaml);
  });
  return { ...mergeSections(main, included), included, issues };
}

function shapeIssues(yaml: YamlFile): FileIssue[] {
  if (yaml.raw === null || yaml.raw === undefined) return [];
  if (!isRecord(yaml.raw)) return [{ yaml, path: [], message: 'an included file must be a mapping holding sources: and/or regions:' }];
  return Object.entries(yaml.raw).flatMap(([key, value]): FileIssue[] => {
    if (key === 'include') return [{ yaml, path: [key], message: 'unknown key: only the main config file includes files' }];
    if (!SECTIONS.includes(key)) return [{ yaml, path: [key], message: 'unknown key: an included file holds only sources: and regions:' }];
    return Array.isArray(value) ? [] : [{ yaml, path: [key], message: 'must be a list' }];
  });
}

function mergeSections(main: YamlFile, included: YamlFile[]): Pick<MergedConfig, 'raw' | 'origins'> {
  const origins = new Map<string, EntryOrigin[]>();
  if (!isRecord(main.raw)) return { raw: main.raw, origins };
  const raw: Record<string, unknown> = { ...main.raw };
  for (const section of SECTIONS) {
    // A section of the wrong type in the main file is left as it is, for the schema to report.
    if (raw[section] !== undefined && !Array.isArray(raw[section])) continue;
    const from = [main, ...included].flatMap((yaml) => listAt(yaml.raw, section).map((_entry, index) => ({ yaml, index })));
    if (raw[section] === undefined && from.length === 0) continue;
    raw[section] = from.map(({ yaml, index }) => listAt(yaml.raw, section)[index]);
    origins.set(section, from);
  }
  return { raw, origins };
}

function listAt(raw: unknown, section: string): unknown[] {
  const list = isRecord(raw) ? raw[section] : undefined;
  return Array.isArray(list) ? list : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
