import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A subscribe request the hub received, as sent. */
export interface SubscribeRequest {
  topic: string;
  callback: string;
  secret: string;
  leaseSeconds: string;
}

/** A verification the hub sent, and what the callback answered. */
export interface Verification {
  topic: string;
  callback: string;
  status: number;
  echoed: boolean;
}

/** A small real WebSub hub (W3C WebSub §5–§8) on 127.0.0.1, for tests. */
export interface WebSubHub {
  url: string;
  requests: SubscribeRequest[];
  verifications: Verification[];
  /** POSTs `body` to every verified subscriber of `topic`, signed (sha256) with its secret; their statuses. */
  publish(topic: string, body: string, contentType: string): Promise<number[]>;
  /** POSTs `body` to a callback with the X-Hub-Signature given (or none). */
  pushRaw(callback: string, body: string, signature?: string): Promise<number>;
  /** Sends a verification of its own making; the callback's status and body. */
  verify(callback: string, params: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/** Starts the hub; every verification it sends grants `leaseSeconds`. */
export async function startWebSubHub(options: { leaseSeconds: number }): Promise<WebSubHub> {
  const requests: SubscribeRequest[] = [];
  const verifications: Verification[] = [];
  const verified = new Map<string, SubscribeRequest>();
  const server = createServer((req, res) => {
    void readForm(req).then((form) => {
      if (req.method !== 'POST' || form.get('hub.mode') !== 'subscribe') {
        res.writeHead(400).end('hub: only hub.mode=subscribe is served');
        return;
      }
      const request = {
        topic: form.get('hub.topic') ?? '',
        callback: form.get('hub.callback') ?? '',
        secret: form.get('hub.secret') ?? '',
        leaseSeconds: form.get('hub.lease_seconds') ?? '',
      };
      requests.push(request);
      // §5.2: accepted now, intent verified afterwards.
      res.writeHead(202).end();
      void verifyIntent(request).then((verification) => {
        verifications.push(verification);
        if (verification.echoed) verified.set(request.callback, request);
      });
    });
  });
  const verifyIntent = async (request: SubscribeRequest): Promise<Verification> => {
    const challenge = randomBytes(16).toString('hex');
    const params = { 'hub.mode': 'subscribe', 'hub.topic': request.topic, 'hub.challenge': challenge, 'hub.lease_seconds': String(options.leaseSeconds) };
    // A callback that cannot be reached is a failed verification (status 0), as a hub counts it.
    const answer = await get(request.callback, params).catch(() => ({ status: 0, body: '' }));
    return { topic: request.topic, callback: request.callback, status: answer.status, echoed: answer.status === 200 && answer.body === challenge };
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    requests,
    verifications,
    async publish(topic, body, contentType) {
      const subscribers = [...verified.values()].filter((request) => request.topic === topic);
      return Promise.all(
        subscribers.map(async (request) => {
          const signature = `sha256=${createHmac('sha256', request.secret).update(body).digest('hex')}`;
          const headers = { 'Content-Type': contentType, Link: `<${url}>; rel="hub", <${topic}>; rel="self"`, 'X-Hub-Signature': signature };
          const response = await fetch(request.callback, { method: 'POST', headers, body });
          await response.body?.cancel();
          return response.status;
        }),
      );
    },
    async pushRaw(callback, body, signature) {
      const headers: Record<string, string> = { 'Content-Type': 'application/rss+xml', ...(signature ? { 'X-Hub-Signature': signature } : {}) };
      const response = await fetch(callback, { method: 'POST', headers, body });
      await response.body?.cancel();
      return response.status;
    },
    verify: (callback, params) => get(callback, params),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function get(callback: string, params: Record<string, string>): Promise<{ status: number; body: string }> {
  const target = new URL(callback);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  const response = await fetch(target);
  return { status: response.status, body: await response.text() };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
}
