import { loadConfig } from '../config/index.ts';
import { ConfigError } from '../domain/index.ts';

const DEFAULT_FILE = 'config/feeds.yaml';

/** Where `wirefeed check-config` writes. */
export interface CheckConfigIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `wirefeed check-config [FILE…]`: validates each file (default config/feeds.yaml); one summary line
 * per valid file on stdout, every problem on stderr. Exit 0 when all are valid, 1 otherwise.
 */
export async function checkConfigCommand(args: string[], io: CheckConfigIo): Promise<number> {
  let status = 0;
  for (const file of args.length > 0 ? args : [DEFAULT_FILE]) {
    try {
      const config = await loadConfig(file);
      const worldFeeds = config.regions.filter((region) => region.everything).length;
      io.stdout.write(`${file}: ok, ${config.sources.length} sources, ${config.regions.length} regions` + ` (${worldFeeds} taking every story)\n`);
    } catch (error) {
      // Anything but a ConfigError is a bug, not a mistake in the file: let it surface with its stack.
      if (!(error instanceof ConfigError)) throw error;
      io.stderr.write(`${error.message}\n`);
      status = 1;
    }
  }
  return status;
}
