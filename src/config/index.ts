/** Loading and validation of config/feeds.yaml. */
export { loadConfig } from './load-config.ts';
export { configKey } from './config-key.ts';
export { parseConfig } from './parse-config.ts';
export { importOpml, type ImportedSource, type OpmlImport, type SkippedEntry } from './import-opml.ts';
export { m49Areas, isCountryCode } from './m49.ts';
export { fetchDefaults } from './schema.ts';
export type { Config, ConfigStatus, OutputConfig, FetchConfig, DedupeConfig } from './types.ts';
