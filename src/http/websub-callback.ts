import type { IncomingMessage } from 'node:http';
import express, { type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/index.ts';
import { ParseError, StoreError, type Source, type SourceState } from '../domain/index.ts';
import type { Store } from '../store/index.ts';
import { SAFE_HEADERS } from './response-headers.ts';
import { answerVerification, signatureValid } from './websub-verify.ts';

/** A document a hub pushed, signed with the subscription's secret, for one source. */
export interface PushedDocument {
  sourceId: string;
  body: Uint8Array;
  contentType?: string;
  /** The topic URL: what relative links in the document resolve against. */
  url: string;
}

/** Hands a pushed document to the pipeline (files it, or queues it for a worker); throws when it could not. */
export type PushReceiver = (push: PushedDocument) => Promise<void>;

/** What the callback routes need. */
export interface CallbackDeps {
  store: Store;
  config: Config;
  logger: Logger;
  receive: PushReceiver;
}

/** `GET /websub/{source}`: the hub's verification; `POST /websub/{source}`: content distribution (W3C WebSub §5.3, §8). */
export function webSubRoutes(deps: CallbackDeps): Router {
  const router = express.Router();
  const sources = new Map(deps.config.sources.map((source) => [source.id, source]));
  router.get('/websub/:sourceId', async (req, res) => {
    const source = sources.get(req.params.sourceId);
    if (!source) return text(res, 404, 'websub: no such source');
    const params = new URL(req.originalUrl, 'http://callback').searchParams;
    const answer = answerVerification(await deps.store.getSourceState(source.id), params, new Date());
    if (answer.state) await fileState(answer.state, deps);
    const log = { source: source.id, mode: params.get('hub.mode'), topic: params.get('hub.topic'), status: answer.status };
    if (answer.status === 200) deps.logger.info({ ...log, leaseUntil: answer.state?.websub?.leaseUntil }, 'websub: hub verification answered');
    else deps.logger.warn({ ...log, reason: answer.body }, 'websub: hub verification refused');
    text(res, answer.status, answer.body);
  });
  router.post('/websub/:sourceId', async (req, res) => {
    const source = sources.get(req.params.sourceId);
    // 410 Gone tells the hub to end a subscription to a source we no longer have (§8).
    if (!source) return text(res, 410, 'websub: no such source');
    const body = await readBounded(req, deps.config.fetch.maxBytes);
    if (!body) return text(res, 413, `websub: body exceeds ${deps.config.fetch.maxBytes} bytes`, true);
    const websub = (await deps.store.getSourceState(source.id))?.websub;
    const log = deps.logger.child({ source: source.id, bytes: body.length });
    // §8: a push we cannot authenticate is acknowledged and ignored, so the hub learns nothing from it.
    if (!websub || websub.status === 'denied' || !signatureValid(req.get('x-hub-signature'), body, websub.secret)) {
      log.warn({ signed: req.get('x-hub-signature') !== undefined }, 'websub: push without a valid signature ignored');
      return text(res, 202, '');
    }
    await receive(source, { sourceId: source.id, body, contentType: req.get('content-type'), url: websub.topic }, deps, log, res);
  });
  return router;
}

// A document that is no feed is logged and acknowledged (sending it again would not help); a failure
// to file or queue it is a 5xx, so the hub sends it again.
async function receive(source: Source, push: PushedDocument, deps: CallbackDeps, log: Logger, res: Response): Promise<void> {
  try {
    await deps.receive(push);
    log.info({ topic: push.url }, 'websub: push received');
    text(res, 202, '');
  } catch (error) {
    log.error({ err: error, topic: push.url }, 'websub: pushed document could not be filed');
    if (error instanceof ParseError) return text(res, 202, '');
    text(res, error instanceof StoreError ? 503 : 500, `websub: the document for ${source.id} was not filed`);
  }
}

async function fileState(state: SourceState, deps: CallbackDeps): Promise<void> {
  const outcome = await deps.store.fileSource({ state, entries: [], window: { now: new Date(), hours: deps.config.dedupe.windowHours } });
  if (!outcome.filed) throw new StoreError(`store: filing the state of ${state.sourceId} conflicted: ${outcome.conflict}`);
}

// The raw body, for the signature; undefined when it passes `maxBytes` (reading stops there).
async function readBounded(req: IncomingMessage, maxBytes: number): Promise<Uint8Array | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function text(res: Response, status: number, body: string, close = false): void {
  res.writeHead(status, {
    ...SAFE_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(body);
}
