/**
 * The fact commands of `landfall` (seed 001): `ingest` (rows from standard input into staging),
 * `serve` (batches over HTTP on 127.0.0.1) and `process` (swap and process, once or `--every`).
 * Kept apart from landfall.ts so the command tree there only registers them.
 */
import { Option, type Command } from 'commander';
import { INGEST_FORMATS, type IngestFormat } from '../engine/fact/ingest-rows.ts';
import { parseDuration } from './duration-option.ts';
import { ingestCommand } from './ingest-command.ts';
import { processCommand } from './process-command.ts';
import { serveCommand } from './serve-command.ts';
import type { RunIo } from './run-command.ts';

/** An option value the user got wrong, reported like commander's own usage errors. */
export class FactUsageError extends Error {}

/** Aborted by Ctrl+C or SIGTERM, for the commands that run until told to stop. */
function untilSignalled(): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('stopped by a signal'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { signal: controller.signal, done: () => (process.off('SIGINT', stop), process.off('SIGTERM', stop)) };
}

/** Adds `ingest`, `serve` and `process` to the command tree. */
export function registerFactCommands(cli: Command, io: RunIo, setExit: (code: number) => void): void {
  cli
    .command('ingest')
    .description('read rows of a fact from standard input into its staging table, in batches (then `landfall process` takes them)')
    .argument('<file>', 'the project file')
    .argument('<fact>', 'the fact')
    .addOption(new Option('--format <format>', 'csv with a header row naming the columns, or one JSON object per line').choices([...INGEST_FORMATS]).default('csv'))
    .action(async (file: string, fact: string, options: { format: IngestFormat }) => {
      const { signal, done } = untilSignalled();
      try {
        setExit(await ingestCommand(file, fact, process.stdin, options.format, io, signal));
      } finally {
        done();
      }
    });

  cli
    .command('serve')
    .description('accept batches of fact rows over HTTP on 127.0.0.1 (POST /facts/<fact>, csv or ndjson body, bearer token)')
    .argument('<file>', 'the project file')
    .requiredOption('--port <n>', 'the port on 127.0.0.1 (0: any free port, printed)', (text) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new FactUsageError(`--port "${text}" must be a whole number from 0 to 65535`);
      return n;
    })
    .requiredOption('--token <ref>', 'the bearer token clients send, as ${env:NAME}')
    .action(async (file: string, options: { port: number; token: string }) => {
      const { signal, done } = untilSignalled();
      try {
        setExit(await serveCommand(file, { port: options.port, token: options.token, signal }, io));
      } finally {
        done();
      }
    });

  cli
    .command('process')
    .description('swap a fact\'s staging and process it: normalize, then summaries and the copy to the fact in one transaction')
    .argument('<file>', 'the project file')
    .argument('<fact>', 'the fact')
    .option('--every <duration>', 'process again on this interval (e.g. 60s, 5m) until Ctrl+C', (text) => {
      const ms = parseDuration(text);
      if (ms === undefined) throw new FactUsageError(`--every "${text}" must be a duration such as 500ms, 60s, 5m or 1h`);
      return ms;
    })
    .option('--poller <k>', 'poll the fact\'s files as poller K, with its own staging table', (text) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > 999) throw new FactUsageError(`--poller "${text}" must be a whole number from 1 to 999`);
      return n;
    })
    .action(async (file: string, fact: string, options: { every?: number; poller?: number }) => {
      const { signal, done } = untilSignalled();
      try {
        setExit(await processCommand(file, fact, { everyMs: options.every, poller: options.poller, signal }, io));
      } finally {
        done();
      }
    });
}
