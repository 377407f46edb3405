/**
 * `landfall serve <project> --port N --token ${env:NAME}`: push ingestion over HTTP, on 127.0.0.1
 * only. `POST /facts/<fact>` with a CSV (header row) or NDJSON body (`Content-Type: text/csv` or
 * `application/x-ndjson`) and `Authorization: Bearer <token>` writes the rows into the fact's
 * staging table in batches, reading the body only as fast as the batches commit (the socket's own
 * backpressure), so memory stays at one batch per request. At most `MAX_REQUESTS` bodies are
 * written at once; more are answered 503 with Retry-After. A bad row is answered 400 naming its
 * row and column (the batches before it are in staging).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseSecretRef } from '../shared/model/index.ts';
import { ingestRows, IngestError, type IngestFormat } from '../engine/fact/ingest-rows.ts';
import { setupFact } from '../engine/fact/process-fact.ts';
import { openWarehouse } from '../engine/connections.ts';
import { factTarget, type FactTarget } from '../app/run/fact-target.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import type { RunIo } from './run-command.ts';
import { CommandFailed } from './runs-command.ts';

/** Bodies written at once: each holds a warehouse connection and one batch in memory. */
export const MAX_REQUESTS = 8;

export interface ServeOptions {
  readonly port: number;
  /** `${env:NAME}`: the token clients must send. */
  readonly token: string;
  readonly signal: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

const FORMATS: Record<string, IngestFormat> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson', 'application/ndjson': 'ndjson' };
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

function reply(response: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(`${JSON.stringify(body)}\n`);
}

/** Serves until the signal aborts; returns the exit code. */
export async function serveCommand(file: string, options: ServeOptions, io: RunIo): Promise<number> {
  const ref = parseSecretRef(options.token);
  if (ref?.source !== 'env') throw new CommandFailed(`--token must be an environment reference such as \${env:LANDFALL_TOKEN}, not the token itself`);
  const token = (options.env ?? process.env)[ref.name];
  if (!token) throw new CommandFailed(`environment variable ${ref.name} is not set (or empty); export the token before serving`);
  const expected = digest(`Bearer ${token}`);
  const store = ProjectStore.open(file);
  const targets = new Map<string, FactTarget>();
  try {
    for (const fact of store.getProject().facts) {
      if (fact.source.kind === 'push') targets.set(fact.name.toLowerCase(), factTarget(store, file, fact.name, options.env ? { env: options.env } : {}));
    }
  } finally {
    store.close();
  }
  if (!targets.size) throw new CommandFailed(`${file} has no fact fed by pushed rows (source kind "push") to serve`);
  for (const target of targets.values()) {
    const warehouse = await openWarehouse(target.connection);
    try {
      await setupFact(target.fact, warehouse);
    } finally {
      await warehouse.close();
    }
  }
  let writing = 0;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const match = /^\/facts\/([^/?]+)$/.exec(request.url ?? '');
    if (!match) return reply(response, 404, { error: 'POST rows to /facts/<fact>' });
    if (request.method !== 'POST') return reply(response, 405, { error: 'only POST' }, { allow: 'POST' });
    if (!timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) return reply(response, 401, { error: 'send Authorization: Bearer <token>' });
    const target = targets.get(decodeURIComponent(match[1]!).toLowerCase());
    if (!target) return reply(response, 404, { error: `no pushed fact is named "${decodeURIComponent(match[1]!)}"; served: ${[...targets.values()].map((t) => t.fact.name).join(', ')}` });
    const format = FORMATS[(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()];
    if (!format) return reply(response, 415, { error: 'send Content-Type text/csv (a header row first) or application/x-ndjson' });
    if (writing >= MAX_REQUESTS) return reply(response, 503, { error: `${MAX_REQUESTS} batches are being written; send again shortly` }, { 'retry-after': '1' });
    writing++;
    try {
      const warehouse = await openWarehouse(target.connection);
      try {
        const result = await ingestRows(target.fact, warehouse, request, format, { signal: options.signal });
        reply(response, 200, { fact: target.fact.name, rows: result.rows, batches: result.batches });
      } finally {
        await warehouse.close();
      }
    } catch (error) {
      reply(response, error instanceof IngestError ? 400 : 500, { error: error instanceof Error ? error.message : String(error) });
    } finally {
      writing--;
    }
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) reply(response, 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  io.out(`serving ${[...targets.values()].map((t) => t.fact.name).join(', ')} on http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}/facts/<fact>\n`);
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return 0;
}
