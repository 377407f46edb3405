// A test's hold on an entity's persistent staging table, on a real PostgreSQL or MariaDB
// warehouse: a run's load waits on it, so the test can end a server session at a known point of
// the run (the load's own, or the run lock's) before letting the load go on.
import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Connection } from '../../shared/model/index.ts';
import type { TestWarehouse, Workspace } from './fixtures.ts';

type Server = Extract<Connection, { kind: 'postgres' | 'mariadb' }>;
const serverOf = (wh: TestWarehouse): Server => wh.connection as Server;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds a lock on `psg.<entity>` until `release`. */
export interface Blocker {
  /** Waits until the engine's load session waits on the held lock, and gives its server session id. */
  waitingLoad(): Promise<number>;
  /** The server session that holds run `runId`'s lock of `entity`. */
  lockSession(runId: string, entity: string): Promise<number>;
  /** Ends a server session (PostgreSQL pg_terminate_backend, MariaDB KILL). */
  kill(session: number): Promise<void>;
  release(): Promise<void>;
}

async function postgresBlocker(wh: TestWarehouse, ws: Workspace, entity: string): Promise<Blocker> {
  const s = serverOf(wh);
  const admin = new pg.Client({ host: s.host, port: s.port, user: s.user, password: s.password, database: s.database });
  await admin.connect();
  ws.defer(() => admin.end());
  await admin.query('BEGIN');
  await admin.query(`LOCK TABLE psg.${entity} IN ACCESS EXCLUSIVE MODE`);
  /** The first session the query finds, asked again until there is one. */
  const sessionOf = async (text: string, values: unknown[]): Promise<number> => {
    for (;;) {
      const { rows } = await admin.query<{ pid: number }>(text, values);
      // Inside its transaction the admin session sees a snapshot of the statistics: take a fresh one.
      await admin.query('SELECT pg_stat_clear_snapshot()');
      if (rows[0]) return rows[0].pid;
      await pause(50);
    }
  };
  return {
    waitingLoad: () => sessionOf("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'landfall load' AND wait_event_type = 'Lock'", []),
    lockSession: (runId) => sessionOf('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [`landfall run ${runId}`.slice(0, 63)]),
    kill: async (session) => void (await admin.query('SELECT pg_terminate_backend($1)', [session])),
    release: async () => void (await admin.query('ROLLBACK')),
  };
}

async function mariadbBlocker(wh: TestWarehouse, ws: Workspace, entity: string): Promise<Blocker> {
  const s = serverOf(wh);
  const admin = await mysql.createConnection({ host: s.host, port: s.port, user: s.user, password: s.password, database: s.database });
  ws.defer(() => admin.end());
  await admin.query(`LOCK TABLES ${wh.dialect.table('psg', entity)} WRITE`);
  return {
    async waitingLoad() {
      for (;;) {
        const [rows] = await admin.query<mysql.RowDataPacket[]>("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND STATE LIKE 'Waiting for table%'");
        if (rows[0]) return Number(rows[0].ID);
        await pause(50);
      }
    },
    async lockSession(_runId, locked) {
      // The lock's name as engine/run-lock.ts makes it: the database and the entity, hashed.
      const name = `landfall:${createHash('sha256').update(`${s.database}\u0000${locked.toLowerCase()}`).digest('hex').slice(0, 40)}`;
      const [rows] = await admin.query<mysql.RowDataPacket[]>('SELECT IS_USED_LOCK(?) AS id', [name]);
      if (rows[0]?.id === null || rows[0]?.id === undefined) throw new Error(`nobody holds the run lock of "${locked}"`);
      return Number(rows[0].id);
    },
    kill: async (session) => void (await admin.query(`KILL ${Number(session)}`)),
    release: async () => void (await admin.query('UNLOCK TABLES')),
  };
}

/** Locks `psg.<entity>` of a PostgreSQL or MariaDB warehouse; the hold ends with `release` or the test. */
export function blockLoad(wh: TestWarehouse, ws: Workspace, entity: string): Promise<Blocker> {
  return wh.kind === 'postgres' ? postgresBlocker(wh, ws, entity) : mariadbBlocker(wh, ws, entity);
}
