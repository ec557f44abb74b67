// A feed farm in a process of its own (started by farm-runner.ts over IPC), so the CPU it spends
// serving feeds is never counted as the worker's or the baseline's.
import { startFeedFarm, type FarmOptions } from '../../test/support/feed-farm.ts';

/** A request from the parent; `advance` answers the feeds changed, `stats` the request totals. */
export type FarmRequest = { id: number; op: 'advance' | 'stats' | 'reset' | 'close' };

const options = JSON.parse(process.argv[2] ?? '{}') as FarmOptions;
const farm = await startFeedFarm(options);
const send = (message: unknown) => process.send?.(message);

process.on('message', async (request: FarmRequest) => {
  if (request.op === 'advance') return send({ id: request.id, result: farm.advance() });
  if (request.op === 'reset') return send({ id: request.id, result: farm.resetStats() ?? null });
  if (request.op === 'stats') {
    const totals = { requests: 0, full: 0, notModified: 0, maxInFlight: 0 };
    for (const stats of farm.stats().values()) {
      totals.requests += stats.requests;
      totals.full += stats.full;
      totals.notModified += stats.notModified;
      totals.maxInFlight = Math.max(totals.maxInFlight, stats.maxInFlight);
    }
    return send({ id: request.id, result: totals });
  }
  await farm.close();
  send({ id: request.id, result: null });
  process.disconnect();
});
send({ ready: farm.baseUrl });
