import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/** A client of one Redis or of a Redis Cluster: the store speaks to either the same way. */
export type RedisClient = Redis | Cluster;

/** An argument of a script call: binary values (records, digests, signatures) go as Buffers. */
export type ScriptArg = string | number | Buffer;

// Lua runs on the server atomically in one round trip: the only way to check a filing against the
// stored state and write it whole without a WATCH/retry loop. Every key a script touches arrives in
// KEYS (built by keys.ts), all under the store's one hash tag, so on a Cluster the call goes to the
// master of that slot and the script is accepted there.
const digests = new Map<string, string>();

function digestOf(script: string): string {
  let sha = digests.get(script);
  if (!sha) digests.set(script, (sha = createHash('sha1').update(script).digest('hex')));
  return sha;
}

// A server (or a Cluster node, or one restarted) that lacks the script gets its source once.
async function evaluate(script: string, run: (command: 'EVALSHA' | 'EVAL', body: string) => Promise<unknown>): Promise<unknown> {
  try {
    return await run('EVALSHA', digestOf(script));
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return run('EVAL', script);
  }
}

/** Runs a script by its digest; bulk replies come back as strings. */
export function runScript(redis: RedisClient, script: string, keys: string[], args: ScriptArg[]): Promise<unknown> {
  return evaluate(script, (command, body) => redis.call(command, body, keys.length, ...keys, ...args));
}

/** runScript for scripts that reply with bytes (records, signatures): bulk replies come back as Buffers. */
export function runScriptBuffer(redis: RedisClient, script: string, keys: string[], args: ScriptArg[]): Promise<unknown> {
  return evaluate(script, (command, body) => redis.callBuffer(command, body, keys.length, ...keys, ...args));
}

/** Collects a script's KEYS, each once, and gives the 1-based index Lua reads it at. */
export class KeyList {
  readonly keys: string[] = [];
  private readonly at = new Map<string, number>();

  constructor(...fixed: string[]) {
    for (const key of fixed) this.index(key);
  }

  index(key: string): number {
    let i = this.at.get(key);
    if (i === undefined) this.at.set(key, (i = this.keys.push(key)));
    return i;
  }
}
