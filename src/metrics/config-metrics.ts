import { Gauge, type Registry } from 'prom-client';
import type { ConfigStatus } from '../config/index.ts';

/** Whether the config file's last edit loaded, and when the running config was loaded, read when scraped. */
export function configMetrics(registry: Registry, status: () => ConfigStatus): void {
  const registers = [registry];
  new Gauge({
    name: 'wirefeed_config_reload_failed',
    help: '1 while the config file holds an edit that did not load (the previous config runs), else 0.',
    registers,
    collect() {
      this.set(status().error === undefined ? 0 : 1);
    },
  });
  new Gauge({
    name: 'wirefeed_config_loaded_timestamp_seconds',
    help: 'When the running config was loaded.',
    registers,
    collect() {
      this.set(Date.parse(status().loadedAt) / 1000);
    },
  });
}
