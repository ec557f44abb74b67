import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { importOpml, loadConfig, parseConfig, type OpmlImport } from '../config/index.ts';
import { ConfigError } from '../domain/index.ts';

/** Where `wirefeed import-opml` writes. */
export interface ImportOpmlIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

interface ImportArgs {
  opml: string;
  out: string;
  language?: string;
  force: boolean;
}

const USAGE = 'usage: wirefeed import-opml FILE [--out FILE] [--language TAG] [--force]';

/**
 * `wirefeed import-opml FILE`: writes the OPML export's feeds as a sources file for the config to
 * include (default `sources/opml-import.yaml` beside it), skipping and reporting feeds already
 * configured. The config with the file included must pass check-config, or nothing is written.
 */
export async function importOpmlCommand(args: string[], configFile: string, io: ImportOpmlIo): Promise<number> {
  try {
    const options = readArgs(args, configFile);
    if (existsSync(options.out) && !options.force) throw new ConfigError(`import-opml: ${options.out} exists; --force replaces it`);
    const existing = await loadConfig(configFile, readExcept(options.out, 'sources: []\n'));
    const result = importOpml(await readOpml(options.opml), options.opml, existing.sources, options.language);
    const text = sourcesFile(result, options.opml);
    const includeLine = path.relative(path.dirname(configFile), options.out);
    checkIncluded(configFile, includeLine, options.out, text);
    await writeAtomically(options.out, text);
    io.stdout.write(summary(result, options.out));
    if (!existing.includes?.some((file) => path.resolve(file) === path.resolve(options.out))) {
      io.stdout.write(`add to ${configFile}: include: [${includeLine}]\n`);
    }
    return 0;
  } catch (error) {
    // Anything but a ConfigError is a bug, not a mistake in the files: let it surface with its stack.
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
}

async function readOpml(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot read file';
    throw new ConfigError(`import-opml: ${file}: ${reason}`, { cause: error });
  }
}

function readArgs(args: string[], configFile: string): ImportArgs {
  const rest = [...args];
  const take = (flag: string): string | undefined => {
    const at = rest.indexOf(flag);
    if (at < 0) return undefined;
    const [, value] = rest.splice(at, 2);
    if (value === undefined || value.startsWith('--')) throw new ConfigError(`import-opml: ${flag} needs a value\n${USAGE}`);
    return value;
  };
  const out = take('--out') ?? path.join(path.dirname(configFile), 'sources', 'opml-import.yaml');
  const language = take('--language');
  const force = rest.includes('--force');
  const [opml, ...extra] = rest.filter((arg) => arg !== '--force');
  if (opml === undefined || extra.length > 0) throw new ConfigError(`import-opml: ${USAGE}`);
  return { opml, out, force, ...(language ? { language } : {}) };
}

// The file being replaced reads as empty, so a re-import does not find its own sources duplicates.
function readExcept(file: string, text: string): (name: string) => string {
  return (name) => (path.resolve(name) === path.resolve(file) ? text : readFileSync(name, 'utf8'));
}

// Validated as check-config would read it: the main file with this file among its includes.
function checkIncluded(configFile: string, includeLine: string, out: string, text: string): void {
  const doc = parseDocument(readFileSync(configFile, 'utf8'));
  const listed: unknown = doc.get('include');
  if (isSeq(listed)) {
    if (!listed.items.some((entry) => isScalar(entry) && path.resolve(path.dirname(configFile), String(entry.value)) === path.resolve(out)))
      listed.add(includeLine);
  } else {
    doc.set('include', doc.createNode([includeLine]));
  }
  parseConfig(String(doc), configFile, readExcept(out, text));
}

function sourcesFile(result: OpmlImport, opml: string): string {
  const header = `# Imported from ${path.basename(opml)} by \`wirefeed import-opml\`; edit freely, or import again with --force.\n`;
  return header + stringify({ sources: result.sources }, { lineWidth: 0 });
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

function summary(result: OpmlImport, out: string): string {
  const lines = result.skipped.map((entry) => `skipped "${entry.title}" ${entry.url}: ${entry.reason}\n`);
  return `${lines.join('')}${out}: ${result.sources.length} sources written, ${result.skipped.length} skipped\n`;
}
