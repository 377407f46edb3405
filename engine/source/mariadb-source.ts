import mysql from 'mysql2';
import type { Compiled } from '../../shared/sql/statement.ts';
import { ConnectionLost } from '../retry.ts';
import { CsvLineBuilder, packetReaders } from './mariadb-csv-lines.ts';
import { mysql2Version, readRowPackets, type RowPacket } from './mysql2-row-packets.ts';
import { BATCH_ROWS, type CsvLinesFormat, type Source } from './source.ts';

export interface MariaDbConfig {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password?: string | undefined;
}

/**
 * Connection options for exact values: dates and times as the server's text, DECIMAL and BIGINT
 * as strings, utf8mb4, sessions in UTC.
 */
export function mariadbOptions(config: MariaDbConfig): mysql.ConnectionOptions {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    charset: 'utf8mb4',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    timezone: 'Z',
  };
}

/**
 * DOUBLE and FLOAT from the server's text by `Number`: mysql2's own parse builds the digits into
 * one double and divides, which past 2^53 ends a unit in the last place off (632 / 7: the server's
 * 90.28571428571429 read as 90.28571428571428). Every other type is mysql2's.
 */
const exactFloats: mysql.TypeCast = (field, next) => {
  if (field.type !== 'DOUBLE' && field.type !== 'FLOAT') return next();
  const text = field.string();
  return text === null ? null : Number(text);
};

/** A query's options for rows as arrays, floats read exactly. */
const rowQuery = (statement: Compiled): mysql.QueryOptions => ({ sql: statement.sql, values: statement.params as unknown[], rowsAsArray: true, typeCast: exactFloats });

/** MariaDB / MySQL through `mysql2`, rows streamed as arrays. */
export async function mariadbSource(config: MariaDbConfig): Promise<Source> {
  // The extract's BIGINT values come as numbers where they are safe integers (mysql2 checks each
  // one, and gives the digits as a string beyond 2^53 - 1): the row path's BigInt of a number
  // costs a third of the pattern test and parse of a string (1M values: 48 ms against 140 ms).
  // The small queries keep the strings of mariadbOptions (bigNumberStrings is OR-ed per query).
  const connection = mysql.createConnection({ ...mariadbOptions(config), bigNumberStrings: false });
  const promise = connection.promise();
  await promise.query("SET time_zone = '+00:00'");
  return {
    async query(statement: Compiled) {
      const [rows] = await promise.query({ ...rowQuery(statement), bigNumberStrings: true });
      return rows as unknown[][];
    },
    async resultColumns(statement: Compiled) {
      const [, fields] = await promise.query({ sql: statement.sql, values: statement.params, rowsAsArray: true, bigNumberStrings: true });
      return fields.map((field) => field.name);
    },
    stream(statement: Compiled, signal: AbortSignal) {
      let batch: unknown[][] = [];
      return readBatches(connection, rowQuery(statement), signal, {
        add(row) {
          batch.push(row);
          return batch.length === BATCH_ROWS;
        },
        take() {
          if (!batch.length) return undefined;
          const full = batch;
          batch = [];
          return full;
        },
      });
    },
    csvLines(statement: Compiled, format: CsvLinesFormat, signal: AbortSignal) {
      const lines = new CsvLineBuilder(format);
      let packets = false;
      // mysql2 parses the rows only where the packet path cannot take the query (see packetReaders).
      return readBatches(connection, rowQuery(statement), signal, {
        start(query, deliver) {
          readRowPackets(query, (packet) => {
            if (packets) deliver(packet);
            return packets;
          });
        },
        fields(fields) {
          const readers = packetReaders(fields, format);
          packets = readers !== undefined;
          if (readers) lines.readers = readers;
        },
        add(row) {
          // mysql2 parsed this row although the packet path took the query: its internals changed.
          if (packets) throw new Error(`mysql2 ${mysql2Version()} no longer reads result rows through Query.row (see readRowPackets): the MariaDB packet path cannot run`);
          return lines.addValues(row);
        },
        addPacket: (packet) => lines.addPacket(packet.buffer, packet.offset, packet.end),
        take: () => lines.take(),
      });
    },
    async close() {
      await promise.end().catch(() => connection.destroy());
    },
  };
}

/** Collects a query's rows into batches: `add` says when one is full, `take` hands it over. */
interface BatchCollector<B> {
  /** Called with the query before it runs; `deliver` hands a row packet to `addPacket`. */
  start?(query: mysql.Query, deliver: (packet: RowPacket) => void): void;
  fields?(fields: mysql.FieldPacket[]): void;
  add(row: unknown[]): boolean;
  addPacket?(packet: RowPacket): boolean;
  take(): B | undefined;
}

/**
 * A query's rows straight from its events into batches: a Readable with one async iteration per
 * row cost about as much as parsing the row. Reading pauses the socket once two batches wait for
 * the consumer, and resumes when it takes one. A collector's error (a refused value) stops the
 * query and is thrown to the consumer.
 */
async function* readBatches<B>(connection: mysql.Connection, options: mysql.QueryOptions, signal: AbortSignal, collector: BatchCollector<B>): AsyncGenerator<B> {
  const query = connection.query(options);
  const ready: B[] = [];
  let ended = false;
  let failure: unknown;
  let paused = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const stop = (): void => void connection.destroy();
  // A connection killed mid-read (KILL, a restart) ends the socket without ending the query.
  const lost = (error?: unknown): void => {
    failure ??= new ConnectionLost(error ?? 'the server closed it');
    notify();
  };
  /** A row added: a full batch is made ready, and reading pauses once two wait. */
  const added = (full: boolean): void => {
    if (!full) return;
    ready.push(collector.take()!);
    if (ready.length >= 2 && !paused) {
      paused = true;
      connection.pause();
    }
    notify();
  };
  // The rest of the result is not read: the connection closes, the consumer gets the error.
  const failed = (error: unknown): void => {
    failure = error;
    stop();
    notify();
  };
  collector.start?.(query, (packet) => {
    if (failure !== undefined) return;
    try {
      added(collector.addPacket!(packet));
    } catch (error) {
      failed(error);
    }
  });
  query.on('fields', (fields: mysql.FieldPacket[]) => collector.fields?.(fields));
  query.on('result', (row: unknown) => {
    if (failure !== undefined) return;
    try {
      added(collector.add(row as unknown[]));
    } catch (error) {
      failed(error);
    }
  });
  query.on('error', (error: unknown) => {
    failure ??= error;
    notify();
  });
  query.on('end', () => {
    ended = true;
    notify();
  });
  signal.addEventListener('abort', stop, { once: true });
  connection.once('error', lost);
  connection.once('end', lost);
  let finished = false;
  try {
    for (;;) {
      const next = ready.shift();
      if (next) {
        if (paused && ready.length < 2) {
          paused = false;
          connection.resume();
        }
        yield next;
        continue;
      }
      if (failure !== undefined) {
        signal.throwIfAborted();
        throw failure;
      }
      if (ended) break;
      await new Promise<void>((resolveWait) => (wake = resolveWait));
    }
    signal.throwIfAborted();
    const last = collector.take();
    if (last) yield last;
    finished = true;
  } finally {
    signal.removeEventListener('abort', stop);
    connection.off('error', lost);
    connection.off('end', lost);
    // A result left half read blocks the connection: only a closed one is safe to leave.
    if (!finished) stop();
  }
}
