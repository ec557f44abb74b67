import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** What the scripted server answers to one request. */
export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A request as the scripted server saw it. */
export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A real HTTP server on 127.0.0.1 whose every answer the test decides, for headers a file server never sends. */
export interface ScriptedServer {
  url(path: string): string;
  requests: SeenRequest[];
  /** Sets how the server answers from now on (an answer may wait for something first). */
  reply(answer: (request: SeenRequest) => ScriptedReply | Promise<ScriptedReply>): void;
  close(): Promise<void>;
}

/** Starts a scripted server on a free port; until told otherwise it answers 404. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  let answer = (_request: SeenRequest): ScriptedReply | Promise<ScriptedReply> => ({ status: 404, body: 'not found' });
  const server: Server = createServer(async (request, response) => {
    const seen = { path: new URL(request.url ?? '/', 'http://x').pathname, headers: request.headers };
    requests.push(seen);
    const { status, headers = {}, body = '' } = await answer(seen);
    response.writeHead(status, headers);
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('scripted server has no port');
  return {
    url: (path) => `http://127.0.0.1:${address.port}${path}`,
    requests,
    reply: (next) => (answer = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
