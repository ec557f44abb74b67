// The parent's side of farm-process.ts: start the farm in a child process and drive its cycles.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FarmOptions } from '../../test/support/feed-farm.ts';
import type { FarmRequest } from './farm-process.ts';

/** Request totals over every feed since the last reset. */
export interface FarmTotals {
  requests: number;
  full: number;
  notModified: number;
  maxInFlight: number;
}

/** A farm served by a child process. */
export interface FarmProcess {
  baseUrl: string;
  feeds: number;
  /** Moves the farm to its next cycle; the feeds that gained items. */
  advance(): Promise<number[]>;
  totals(): Promise<FarmTotals>;
  resetTotals(): Promise<void>;
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./farm-process.ts', import.meta.url));
// `--import tsx` resolves from the working directory: the repository's, wherever the bench runs from.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts a farm of `options.feeds` feeds in a child process. */
export async function startFarmProcess(options: FarmOptions): Promise<FarmProcess> {
  const child = fork(ENTRY, [JSON.stringify(options)], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 0;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench: the farm process exited with ${code}`)));
    child.on('message', (message: { ready?: string; id?: number; result?: unknown }) => {
      if (message.ready) resolve(message.ready);
      if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
  });
  const ask = <T>(op: FarmRequest['op']) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (result) => resolve(result as T));
      child.send({ id, op } satisfies FarmRequest);
    });
  return {
    baseUrl,
    feeds: options.feeds,
    advance: () => ask<number[]>('advance'),
    totals: () => ask<FarmTotals>('stats'),
    resetTotals: () => ask<void>('reset'),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask('close');
      await exited;
    },
  };
}
