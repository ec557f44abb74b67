// Baseline servers of the serve benchmark, each in a child process of its own:
//   bare FILE TYPE   — node:http sending FILE's bytes with a strong ETag, to every request
//   express304       — a minimal Express 5 route answering 304
// Each prints its port on stdout once listening.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

function bare(file: string, type: string): Server {
  const body = readFileSync(file);
  const headers = { 'Content-Type': type, 'Content-Length': body.length, ETag: '"bare"', 'Cache-Control': 'public, max-age=600' };
  return createServer((_req, res) => res.writeHead(200, headers).end(body));
}

function express304(): Server {
  const app = express();
  app.get('/feeds/:file', (_req, res) => {
    res.status(304).end();
  });
  return createServer(app);
}

const [mode, file = '', type = 'application/octet-stream'] = process.argv.slice(2);
const server = mode === 'bare' ? bare(file, type) : mode === 'express304' ? express304() : undefined;
if (!server) throw new Error(`bench: unknown baseline "${mode}"`);
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => server.close());
