import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../domain/index.ts';
import { formatPath, lineOf, type ConfigIssue } from './locate.ts';
import { checkReferences } from './references.ts';
import { resolveRegions } from './resolve-regions.ts';
import { configSchema, type RawConfig } from './schema.ts';
import type { Config } from './types.ts';

const DEFAULT_POLL_MINUTES = 15;

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
};

/**
 * Validates and resolves the text of a config file. Throws one ConfigError listing every problem,
 * one per line, each as `config: <file>:<line>: <field path>: <message>`.
 */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => {
      const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
      return `config: ${file}:${line}: YAML syntax: ${error.message.split('\n')[0]}`;
    });
    throw new ConfigError(lines.join('\n'), { cause: doc.errors[0] });
  }
  const raw: unknown = doc.toJS();
  const parsed = configSchema.safeParse(raw, { error: describeIssue });
  const issues = [...(parsed.success ? [] : zodIssues(parsed.error)), ...checkReferences(raw)];
  if (!parsed.success || issues.length > 0) {
    throw new ConfigError(formatIssues(issues, doc, lineCounter, file), { cause: parsed.error });
  }
  return buildConfig(parsed.data, file);
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
    })),
    output: raw.output,
    fetch: raw.fetch,
    dedupe: raw.dedupe,
  };
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

function formatIssues(issues: ConfigIssue[], doc: Document, lineCounter: LineCounter, file: string): string {
  return issues
    .map((issue) => ({ line: lineOf(doc, lineCounter, issue.path), issue }))
    .sort((a, b) => a.line - b.line)
    .map(({ line, issue }) => `config: ${file}:${line}: ${formatPath(issue.path)}: ${issue.message}`)
    .join('\n');
}
