import { readFile } from 'node:fs/promises';
import { ConfigError } from '../domain/index.ts';
import type { ReadText } from './includes.ts';
import { parseConfig } from './parse-config.ts';
import type { Config } from './types.ts';

/**
 * Reads, validates and resolves a config file and its includes (read with `read`, the file system by
 * default); throws ConfigError naming the file, line and field.
 */
export async function loadConfig(file: string, read?: ReadText): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot read file';
    throw new ConfigError(`config: ${file}: ${reason}`, { cause: error });
  }
  return parseConfig(text, file, read);
}
