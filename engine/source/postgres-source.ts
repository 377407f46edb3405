import pg from 'pg';
import Cursor from 'pg-cursor';
import { to as copyTo } from 'pg-copy-streams';
import type { Compiled } from '../../shared/sql/statement.ts';
import { lostConnection } from '../retry.ts';
import { BATCH_ROWS, type Source } from './source.ts';

const BYTEA = 17;
const INT2 = 21;
const INT4 = 23;
const identity = (value: string): string => value;
const bytea = pg.types.getTypeParser(BYTEA);

/**
 * Type parsing for extracts: every value as the server's exact text (numeric, int8, dates and
 * timestamps never pass through a float or a JavaScript Date), except small integers and bytea.
 * Sessions run in UTC, so timestamptz text carries `+00`.
 */
const EXACT_TYPES = {
  getTypeParser: ((oid: number) => (oid === BYTEA ? bytea : oid === INT2 || oid === INT4 ? Number : identity)) as typeof pg.types.getTypeParser,
};

export interface PostgresConfig {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password?: string | undefined;
  readonly ssl: boolean;
}

export function postgresClient(config: PostgresConfig, application = 'landfall'): pg.Client {
  return new pg.Client({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password,
    ssl: config.ssl ? { rejectUnauthorized: true } : undefined,
    application_name: application,
    options: '-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c extra_float_digits=3',
    types: EXACT_TYPES,
  });
}

/** The query pg-copy-streams submits, with the one handler of its own that this wraps (its typings omit it). */
type CopyStream = ReturnType<typeof copyTo> & { handleCommandComplete(message: { text?: string }): void };

/**
 * Holds a `COPY … TO STDOUT` reply to what one COPY answers: its data, one `COPY n` completion,
 * then ReadyForQuery. pg hands every message of a reply to the active query, and pg-copy-streams'
 * query has handlers only for those: a reply with more (a second statement's rows, a second
 * COPY's data, a COPY FROM) would call a method it lacks, and the TypeError thrown from the socket
 * handler ends the process. Here each such message becomes an error of this extract instead.
 */
/**
 * pg-copy-streams (7.0) parses a socket chunk's messages before handing their data on; when an
 * ErrorResponse follows rows in the same chunk, it stops there and those rows are never pushed.
 * The rows a COPY delivered before its error are how the engine numbers the row a value check
 * refused (see `copyCheckMessage`), so they are pushed first. Checked at each COPY: an upgrade that
 * renames these internals fails every COPY extract (and the tests), never numbers a row wrongly.
 */
function keepRowsBeforeError(stream: CopyStream): void {
  const internals = stream as unknown as { _detach?: () => void; _copyDataChunks?: { size: number; take(n: number): Buffer } | null };
  const detach = internals._detach;
  if (typeof detach !== 'function' || !internals._copyDataChunks) throw new Error('pg-copy-streams no longer has the internals the engine relies on (_detach, _copyDataChunks): pin 7.0 or update postgres-source.ts');
  internals._detach = function (this: typeof internals) {
    const pending = this._copyDataChunks;
    if (pending && pending.size > 0) stream.push(pending.take(pending.size));
    detach.call(this);
  };
}

/** pg-copy-streams' parser state (copy-to.js): at a message's code byte, or inside a message's content. */
const PG_CODE = 0;
const PG_LENGTH = 1;
const PG_MESSAGE = 2;
/** Protocol message codes: CopyData. */
const COPY_DATA = 0x64;
/** A message's code byte and its int32 length (which counts itself). */
const HEADER = 5;
const LENGTH_BYTES = 4;

/** The internals of pg-copy-streams' CopyToQuery that `parseCopyDataFast` takes part in. */
interface CopyParser {
  _parse(chunk: Buffer): boolean;
  _state: number;
  _code: number;
  _unreadMessageContentLength: number;
  _buffer: { size: number } | null;
  _copyDataChunks: { push(chunk: Buffer): void } | null;
}

/**
 * Takes the CopyData messages of each socket chunk out without an object per row. The server
 * sends a CSV COPY as one CopyData message per row; pg-copy-streams (7.0) reads each header
 * through its buffer list and takes each row's content as a Buffer of its own, then joins them:
 * for 1M narrow rows about a third of the engine's main thread during the COPY (`_parse`,
 * `readUInt32BE`, `take`, `FastBuffer`, `subarray` and the garbage collector in its profile).
 * Here the CopyData contents at the front of a chunk are moved together within the chunk itself
 * (`copyWithin`, which the profile showed 3–4× cheaper per row than `Buffer#copy` into a buffer of
 * its own, and no allocation: the chunk is this stream's once read); whatever else the chunk holds (another message, a split header) goes on through the
 * library's own parser as before, so errors, CopyDone and the rows before an error
 * (`keepRowsBeforeError`) are handled by the code they always were. Checked at each COPY like
 * `keepRowsBeforeError`.
 */
function parseCopyDataFast(stream: CopyStream): void {
  const parser = stream as unknown as CopyParser;
  const parse = parser._parse;
  if (typeof parse !== 'function' || parser._state !== PG_CODE || !parser._buffer || !parser._copyDataChunks) {
    throw new Error('pg-copy-streams no longer has the parser internals the engine relies on (_parse, _state, _buffer, _copyDataChunks): pin 7.0 or update postgres-source.ts');
  }
  parser._parse = function (this: CopyParser, whole: Buffer): boolean {
    let chunk = whole;
    // A CopyData length cut by the last chunk's end: the library reads its rest (a few bytes), then
    // it stands inside the row and the chunk goes on here (else the whole chunk, row by row, went
    // there). Any other message (CopyDone ends the COPY and hands the rest to pg) stays the library's.
    const held = this._buffer?.size ?? 0;
    if (this._state === PG_LENGTH && this._code === COPY_DATA && held > 0 && held < LENGTH_BYTES && chunk.length >= LENGTH_BYTES - held) {
      parse.call(this, chunk.subarray(0, LENGTH_BYTES - held));
      chunk = chunk.subarray(LENGTH_BYTES - held);
    }
    // Only where the library holds no bytes of its own can the chunk be read from its start.
    const aligned = this._buffer !== null && this._buffer.size === 0
      && (this._state === PG_CODE || (this._state === PG_MESSAGE && this._code === COPY_DATA));
    if (!aligned) return parse.call(this, chunk);
    const length = chunk.length;
    // Contents move left over the headers: `written` never passes `at`, so the rest is untouched.
    let written = 0;
    let at = 0;
    if (this._state === PG_MESSAGE) {
      // The rest of a row whose message began in an earlier chunk.
      const take = Math.min(this._unreadMessageContentLength, length);
      written = take;
      at = take;
      this._unreadMessageContentLength -= take;
      if (this._unreadMessageContentLength > 0) {
        this._copyDataChunks!.push(chunk.subarray(0, written));
        return parse.call(this, chunk.subarray(length));
      }
      this._state = PG_CODE;
    }
    while (at + HEADER <= length && chunk[at] === COPY_DATA) {
      const content = chunk.readUInt32BE(at + 1) - 4;
      const start = at + HEADER;
      const end = Math.min(start + content, length);
      chunk.copyWithin(written, start, end);
      written += end - start;
      at = end;
      if (end - start < content) {
        // A row cut by the chunk's end: the library's parser is told where it stands.
        this._state = PG_MESSAGE;
        this._code = COPY_DATA;
        this._unreadMessageContentLength = content - (end - start);
        break;
      }
    }
    if (written > 0) this._copyDataChunks!.push(chunk.subarray(0, written));
    // The rest (nothing, a split header, or any other message) and the flush: the library's own.
    return parse.call(this, chunk.subarray(at));
  };
}

function oneCopyAnswer(stream: CopyStream): { readonly settled: Promise<void>; settle(): void; check(): void } {
  let problem: string | undefined;
  let copied = false;
  let settle!: () => void;
  const failure = (what: string): Error => new Error(`the extract did not run as one COPY … TO STDOUT: the server answered with ${what}`);
  const settled = new Promise<void>((resolveSettled) => (settle = resolveSettled));
  const refuse = (what: string) => (): void => {
    problem ??= what;
    // Still streaming: end it with the error (a COPY FROM would otherwise wait for data forever).
    if (!stream.readableEnded) stream.destroy(failure(what));
    settle();
  };
  const complete = stream.handleCommandComplete.bind(stream);
  Object.assign(stream, {
    handleRowDescription: refuse('rows of a query'),
    handleDataRow: refuse('rows of a query'),
    handleCopyData: refuse('the data of a second COPY'),
    handleCopyInResponse: refuse('a COPY FROM STDIN'),
    handleEmptyQuery: refuse('an empty statement'),
    handlePortalSuspended: refuse('a suspended portal'),
    handleCommandComplete(message: { text?: string }): void {
      if (copied || !/^COPY \d+$/.test(message.text ?? '')) return refuse(`a second statement (${message.text ?? 'no tag'})`)();
      copied = true;
      complete(message);
    },
    handleReadyForQuery(): void {
      if (!copied) problem ??= 'no COPY completion';
      settle();
    },
  });
  return {
    settled,
    settle,
    check(): void {
      if (problem) throw failure(problem);
    },
  };
}

/** Type names by OID, for the types whose values the COPY's checks can trust (pg_type.typname spelled as format_type does). */
const TYPE_NAMES: Readonly<Record<number, string>> = { 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text', 1700: 'numeric', 1043: 'varchar', 1042: 'char' };
/** Row description type modifiers carry a 4-byte header (VARHDRSZ). */
const VARHDRSZ = 4;

/**
 * A column's type from its row description, as `format_type` spells it for the types the COPY's
 * checks use (`numeric(18,4)`, `varchar(50)`); any other type as `oid <n>`.
 */
export function typeName(oid: number, modifier: number): string {
  const name = TYPE_NAMES[oid];
  if (name === undefined) return `oid ${oid}`;
  if (modifier < VARHDRSZ) return name;
  if (name === 'numeric') {
    const packed = modifier - VARHDRSZ;
    // The scale is an 11-bit signed number since PostgreSQL 15 (negative scales round left of the point).
    return `numeric(${(packed >> 16) & 0xffff},${((packed & 0x7ff) ^ 1024) - 1024})`;
  }
  return name === 'varchar' || name === 'char' ? `${name}(${modifier - VARHDRSZ})` : name;
}

/** PostgreSQL through `pg`, rows read from a server-side cursor in array mode. */
export async function postgresSource(config: PostgresConfig): Promise<Source> {
  const client = postgresClient(config, 'landfall extract');
  await client.connect();
  // A backend killed mid-read (pg_terminate_backend, a restart) would leave a cursor read waiting for ever.
  const lost = lostConnection(client);
  return {
    async query(statement: Compiled) {
      const result = await client.query({ text: statement.sql, values: statement.params, rowMode: 'array' });
      return result.rows as unknown[][];
    },
    async *stream(statement: Compiled, signal: AbortSignal) {
      const cursor = client.query(new Cursor<unknown[]>(statement.sql, statement.params, { rowMode: 'array' }));
      // Closing the connection is what stops a long fetch at once.
      const stop = (): void => void client.end().catch(() => undefined);
      signal.addEventListener('abort', stop, { once: true });
      let failed = false;
      try {
        for (;;) {
          const rows = await Promise.race([cursor.read(BATCH_ROWS), lost]).catch((error: unknown) => {
            failed = true;
            throw error;
          });
          signal.throwIfAborted();
          if (rows.length === 0) break;
          yield rows;
          if (rows.length < BATCH_ROWS) break;
        }
      } finally {
        signal.removeEventListener('abort', stop);
        // After an abort or a failed read the connection is closed or gone: closing the cursor
        // would wait for ever for the server's reply.
        if (failed) stop();
        else if (!signal.aborted) await cursor.close().catch(() => undefined);
      }
    },
    async resultColumns(statement: Compiled) {
      const result = await client.query({ text: statement.sql, values: statement.params, rowMode: 'array' });
      return result.fields.map((field) => field.name);
    },
    async describe(statement: Compiled) {
      const result = await client.query({ text: statement.sql, values: statement.params, rowMode: 'array' });
      return result.fields.map((field) => ({ name: field.name, type: typeName(field.dataTypeID, field.dataTypeModifier) }));
    },
    async *copyOut(setup: readonly string[], copy: string, signal: AbortSignal) {
      for (const text of setup) await client.query(text);
      const stream = client.query(copyTo(copy));
      keepRowsBeforeError(stream as CopyStream);
      parseCopyDataFast(stream as CopyStream);
      const answer = oneCopyAnswer(stream as CopyStream);
      const stop = (): void => {
        answer.settle();
        stream.destroy();
        void client.end().catch(() => undefined);
      };
      signal.addEventListener('abort', stop, { once: true });
      let finished = false;
      try {
        // Async iteration reads only when the consumer asks: the socket pauses meanwhile.
        for await (const chunk of stream) yield chunk as Uint8Array;
        // The data ends at CopyDone; whether the reply was one COPY and nothing else shows at ReadyForQuery.
        await answer.settled;
        signal.throwIfAborted();
        answer.check();
        finished = true;
      } finally {
        signal.removeEventListener('abort', stop);
        // A COPY left half read keeps the connection busy: only a closed one is safe to leave.
        if (!finished && !signal.aborted) stop();
      }
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
