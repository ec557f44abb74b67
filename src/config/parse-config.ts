import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError } from '../domain/index.ts';
import { mergeIncludes, type EntryOrigin, type FileIssue, type ReadText } from './includes.ts';
import { formatPath, lineOf, type ConfigIssue } from './locate.ts';
import { checkReferences } from './references.ts';
import { resolveRegions } from './resolve-regions.ts';
import { DEFAULT_RETENTION_DAYS, configSchema, type RawConfig } from './schema.ts';
import type { Config } from './types.ts';
import { readYaml, type YamlFile } from './yaml-file.ts';

const DEFAULT_POLL_MINUTES = 15;

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
};

const readText: ReadText = (file) => readFileSync(file, 'utf8');

/**
 * Validates and resolves the text of a config file and the files it includes (read with `read`).
 * Throws one ConfigError listing every problem, one per line, each as
 * `config: <file>:<line>: <field path>: <message>`, naming the included file where the problem is.
 */
export function parseConfig(text: string, file: string, read: ReadText = readText): Config {
  const main = readYaml(text, file);
  const merged = mergeIncludes(main, read);
  const parsed = configSchema.safeParse(merged.raw, { error: describeIssue });
  const issues = [...(parsed.success ? [] : zodIssues(parsed.error)), ...checkReferences(merged.raw)].map((issue) => placeIssue(issue, main, merged.origins));
  const all = [...merged.issues, ...issues];
  if (!parsed.success || all.length > 0) {
    throw new ConfigError(formatIssues(all, [main, ...merged.included]), { cause: parsed.error });
  }
  return { ...buildConfig(parsed.data, file), includes: merged.included.map((yaml) => yaml.file) };
}

// An issue in a merged list belongs to the file the entry came from, at its index there.
function placeIssue(issue: ConfigIssue, main: YamlFile, origins: Map<string, EntryOrigin[]>): FileIssue {
  const [section, index, ...rest] = issue.path;
  const origin = typeof section === 'string' && typeof index === 'number' ? origins.get(section)?.[index] : undefined;
  if (!origin) return { yaml: main, path: issue.path, message: issue.message };
  return { yaml: origin.yaml, path: [section as string, origin.index, ...rest], message: issue.message };
}

function buildConfig(raw: RawConfig, file: string): Config {
  return {
    file,
    regions: resolveRegions(raw.regions),
    sources: raw.sources.map((source) => ({
      id: source.id,
      url: source.url,
      title: source.title,
      language: source.language,
      defaultCountries: source.default?.countries ?? [],
      defaultRegions: source.default?.regions ?? [],
      pollIntervalMinutes: source.pollMinutes ?? DEFAULT_POLL_MINUTES,
      ...(source.retentionDays === undefined ? {} : { retentionDays: source.retentionDays }),
      ...(source.maxStories === undefined ? {} : { maxStories: source.maxStories }),
    })),
    output: outputOf(raw.output),
    fetch: raw.fetch,
    dedupe: raw.dedupe,
  };
}

// retentionDays, the older spelling, becomes retention.days; the schema refused giving both.
function outputOf({ retention, retentionDays, ...output }: RawConfig['output']): Config['output'] {
  return { ...output, retention: retention ?? { days: retentionDays ?? DEFAULT_RETENTION_DAYS } };
}

// Messages for a newsroom editor rather than zod's "expected string, received undefined".
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${issue.maximum}`;
  return undefined;
}

// zod reports all unknown keys of one object in one issue; each gets its own line here.
function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown key' }))
      : [{ path: issue.path, message: issue.message }],
  );
}

// Problems in file order (the main file, then its includes), then by line.
function formatIssues(issues: FileIssue[], files: YamlFile[]): string {
  return issues
    .map((issue) => ({ order: files.indexOf(issue.yaml), line: lineOf(issue.yaml.doc, issue.yaml.lineCounter, issue.path), issue }))
    .sort((a, b) => a.order - b.order || a.line - b.line)
    .map(({ line, issue }) => `config: ${issue.yaml.file}:${line}: ${formatPath(issue.path)}: ${issue.message}`)
    .join('\n');
}
