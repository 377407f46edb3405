/**
 * The one mysql2 internal the MariaDB packet path (mariadb-csv-lines.ts) relies on, checked by
 * test/engine/mariadb-source-values.test.ts. In mysql2 3.x a text-protocol query
 * (`lib/commands/query.js`) is a state machine: `fieldsEOF` returns `this.row` as the state for
 * the rows, and `Command.execute` calls the state as `this.next(packet, connection)` for every
 * row packet, taking what it returns as the next state. A `row` set on the query object is so
 * called instead of `Query.prototype.row` with mysql2's Packet (`buffer`, `offset` at the row's
 * first byte, `end`), read synchronously (the parser reuses it), and returns itself to stay the
 * state; the EOF packet goes to mysql2's own `row`, which ends the result as before.
 */
import { createRequire } from 'node:module';
import type mysql from 'mysql2';

/** The part of mysql2's Packet a row is read from. */
export interface RowPacket {
  readonly buffer: Buffer;
  readonly offset: number;
  readonly end: number;
  isEOF(): boolean;
}

type RowState = (this: unknown, packet: RowPacket, connection: unknown) => unknown;

/** The installed mysql2's version, for the message when its internals moved. */
export function mysql2Version(): string {
  return (createRequire(import.meta.url)('mysql2/package.json') as { version: string }).version;
}

/**
 * Hands every row packet of `query` to `take` before mysql2 parses it; `take` returns false to let
 * mysql2 parse that row (and every later one) as usual.
 */
export function readRowPackets(query: mysql.Query, take: (packet: RowPacket) => boolean): void {
  const internals = query as unknown as { row?: RowState };
  const parse = internals.row;
  if (typeof parse !== 'function') throw new Error(`mysql2 ${mysql2Version()}: a query has no row state any more (see readRowPackets)`);
  const row: RowState = function (this: unknown, packet, connection) {
    if (packet.isEOF() || !take(packet)) return parse.call(this, packet, connection);
    return row;
  };
  internals.row = row;
}
