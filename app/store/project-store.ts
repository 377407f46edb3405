/**
 * The metadata store: one project is one SQLite file. Callers use named operations; no SQL
 * crosses this boundary. It never imports electron, so the CLI and the tests use it directly.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { sqliteBinding } from '../../engine/sqlite-binding.ts';
import { processAlive } from '../../engine/run-lock.ts';
import {
  batchSchema,
  parseConnection,
  parseEntity,
  parseExtract,
  parseFact,
  parseSettings,
  parseSecretRef,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  projectSchema,
  stableStringify,
  toCanonicalJson,
  validateProject,
  ValidationError,
  type Connection,
  type Extract,
  type Fact,
  type Project,
  type ProjectSettings,
  type StagingEntity,
  type Validated,
} from '../../shared/model/index.ts';
import { migrate } from './migrate.ts';
import type { SecretCipher } from './secret-cipher.ts';
import type { CheckResult, JobEntity, JobSpec, RunResult, SchemaEvolution } from '../../shared/protocol/engine.ts';
import type { RunInputs } from '../../shared/plan/run-plan.ts';
import type { LogEntry } from '../../shared/plan/statement-log.ts';
import type { FactLogEntry, FactRunInputs } from '../../shared/fact/fact-run.ts';
import type { DialectName } from '../../shared/sql/dialect.ts';
import type { RunRecordView } from '../../shared/ipc/contract.ts';
import type { EntityMetrics } from '../../shared/run-metrics.ts';

/** A run as the history shows it (the view the designer gets), with the options it ran with. */
export interface RunRecord extends RunRecordView {
  readonly options: Record<string, unknown>;
}

/** What a run recorded of one entity: the definition and inputs of its plan, and the statements it executed. */
export interface RunEntityLog {
  readonly entity: string;
  /** The entity and extract as the run had them, with the project's parameters. */
  readonly definition?: JobEntity & { readonly parameters: Readonly<Record<string, string>> };
  readonly inputs?: RunInputs;
  readonly statements: readonly (LogEntry & { readonly executedAt: string })[];
}

/** What a fact run recorded (see `startFactRun`). */
export interface FactRunLog {
  readonly fact: string;
  readonly definition?: Fact;
  readonly dialect?: DialectName;
  readonly inputs?: FactRunInputs;
  readonly statements: readonly (FactLogEntry & { readonly executedAt: string })[];
}

/** 'LNDF': marks a SQLite file as a Landfall project. */
const APPLICATION_ID = 0x4c4e4446;


const now = (): string => new Date().toISOString();
const canonical = stableStringify;

function unwrap<T>(result: Validated<T>, summary: string): T {
  if (!result.ok) throw new ValidationError(result.issues, summary);
  return result.value;
}

export class ProjectStore {
  readonly path: string;
  private readonly db: Database.Database;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
  }

  /** Creates a new, empty project file. Refuses to overwrite an existing file. */
  static create(path: string, settings: { name: string; description?: string }): ProjectStore {
    if (existsSync(path)) throw new Error(`${path} already exists; open it, or choose another file name`);
    const db = new Database(path, sqliteBinding());
    try {
      const store = new ProjectStore(path, db);
      store.prepare();
      const batch = batchSchema.parse({});
      db.prepare(
        `INSERT INTO project (id, name, description, batch_json, parameters_json, created_at, updated_at)
         VALUES (1, ?, ?, ?, '{}', ?, ?)`,
      ).run(settings.name, settings.description ?? null, canonical(batch), now(), now());
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Opens an existing project file, upgrading its schema if it was written by an older version. */
  static open(path: string): ProjectStore {
    if (!existsSync(path)) throw new Error(`no project at ${path}; create one with "landfall new ${path}"`);
    const db = new Database(path, { ...sqliteBinding(), fileMustExist: true });
    try {
      const id = db.pragma('application_id', { simple: true }) as number;
      if (id !== APPLICATION_ID) throw new Error(`${path} is not a Landfall project file`);
      const store = new ProjectStore(path, db);
      store.prepare();
      return store;
    } catch (error) {
      db.close();
      if (error instanceof Error && /file is not a database/.test(error.message)) {
        throw new Error(`${path} is not a Landfall project file`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * Creates a project file from a project document. The document is validated first; an invalid
   * document fails with every issue and writes nothing. With `replace`, an existing project's
   * design is replaced in one transaction (its run history and secrets are kept).
   */
  static importDocument(path: string, document: unknown, options: { replace?: boolean } = {}): ProjectStore {
    const project = unwrap(validateProject(document), 'the project document is not valid; nothing was imported');
    if (existsSync(path)) {
      if (!options.replace) throw new Error(`${path} already exists; pass --replace to replace its design`);
      const store = ProjectStore.open(path);
      try {
        store.replaceDesign(project);
      } catch (error) {
        store.close();
        throw error;
      }
      return store;
    }
    const store = ProjectStore.create(path, { name: project.name });
    try {
      store.replaceDesign(project);
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  private prepare(): void {
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // A deleted row is overwritten with zeros, so a replaced secret's ciphertext leaves the file.
    this.db.pragma('secure_delete = ON');
    this.db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(this.db);
    this.endOrphanedRuns();
  }

  /**
   * Runs recorded as running by a process of this machine that is gone (killed, crashed, the
   * machine restarted) are marked killed, with their unfinished entities. A run of another
   * machine cannot be checked from here and keeps its state.
   */
  private endOrphanedRuns(): void {
    const running = this.db.prepare("SELECT id, pid FROM run WHERE status = 'running' AND host = ?").all(hostname()) as { id: string; pid: number | null }[];
    const gone = running.filter((run) => run.pid === null || !processAlive(run.pid));
    if (!gone.length) return;
    const at = now();
    this.db.transaction(() => {
      const endRun = this.db.prepare("UPDATE run SET status = 'killed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'");
      const endEntities = this.db.prepare("UPDATE run_entity SET status = 'killed', finished_at = ?, error = ? WHERE run_id = ? AND status IN ('queued', 'running')");
      for (const run of gone) {
        const why = `the process that ran it (${run.pid === null ? 'unknown' : `process ${run.pid}`} on ${hostname()}) ended before the run finished: killed or crashed; nothing after its last commit was kept`;
        endRun.run(at, why, run.id);
        endEntities.run(at, why, run.id);
      }
    })();
  }

  close(): void {
    this.db.close();
  }

  /** Schema versions recorded in the file, oldest first. */
  schemaVersions(): number[] {
    return (this.db.prepare('SELECT version FROM schema_migration ORDER BY version').all() as { version: number }[]).map(
      (row) => row.version,
    );
  }

  // ---- project settings -------------------------------------------------------------------

  getSettings(): ProjectSettings {
    const row = this.db.prepare('SELECT name, description, batch_json, parameters_json FROM project WHERE id = 1').get() as
      | { name: string; description: string | null; batch_json: string; parameters_json: string }
      | undefined;
    if (!row) throw new Error(`${this.path} has no project settings; the file is damaged`);
    return {
      name: row.name,
      description: row.description ?? undefined,
      batch: batchSchema.parse(JSON.parse(row.batch_json)),
      parameters: JSON.parse(row.parameters_json) as Record<string, string>,
    };
  }

  updateSettings(changes: Partial<ProjectSettings>): ProjectSettings {
    const settings = unwrap(parseSettings({ ...this.getSettings(), ...changes }), 'the project settings are not valid');
    this.db
      .prepare('UPDATE project SET name = ?, description = ?, batch_json = ?, parameters_json = ?, updated_at = ? WHERE id = 1')
      .run(settings.name, settings.description ?? null, canonical(settings.batch), canonical(settings.parameters), now());
    return settings;
  }

  // ---- connections ------------------------------------------------------------------------

  listConnections(): Connection[] {
    return this.rows<Connection>('SELECT definition_json FROM connection ORDER BY name COLLATE NOCASE');
  }

  getConnection(name: string): Connection | undefined {
    return this.row<Connection>('SELECT definition_json FROM connection WHERE name = ?', name);
  }

  /** Creates or replaces a connection (matched by name, ignoring case); a secret it no longer holds is removed. */
  saveConnection(input: unknown): Connection {
    const saved = this.writeConnection(input);
    this.removeUnusedSecrets();
    return saved;
  }

  private writeConnection(input: unknown): Connection {
    const connection = unwrap(parseConnection(input), 'the connection is not valid');
    this.db
      .prepare(
        `INSERT INTO connection (name, kind, definition_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, kind = excluded.kind,
           definition_json = excluded.definition_json, updated_at = excluded.updated_at`,
      )
      .run(connection.name, connection.kind, canonical(connection), now());
    return connection;
  }

  /** Renames a connection and every reference to it, in one transaction. */
  renameConnection(from: string, to: string): Connection {
    return this.db.transaction(() => {
      const connection = this.getConnection(from);
      if (!connection) throw new Error(`no connection is named "${from}"`);
      if (from.toLowerCase() !== to.toLowerCase() && this.getConnection(to)) {
        throw new Error(`a connection named "${to}" already exists`);
      }
      this.db.prepare('DELETE FROM connection WHERE name = ?').run(from);
      const renamed = this.saveConnection({ ...connection, name: to });
      const same = (name: string): boolean => name.toLowerCase() === from.toLowerCase();
      for (const entity of this.listEntities()) {
        if (same(entity.warehouse)) this.saveEntity({ ...entity, warehouse: to });
      }
      for (const extract of this.listExtracts()) {
        if (same(extract.source.connection) || same(extract.lander.connection)) {
          this.saveExtract({
            ...extract,
            source: { ...extract.source, connection: same(extract.source.connection) ? to : extract.source.connection },
            lander: { ...extract.lander, connection: same(extract.lander.connection) ? to : extract.lander.connection },
          });
        }
      }
      for (const fact of this.listFacts()) {
        if (same(fact.warehouse)) this.saveFact({ ...fact, warehouse: to });
      }
      return renamed;
    })();
  }

  /** Deletes a connection; refused while an entity or extract still uses it. */
  deleteConnection(name: string): void {
    const users = [
      ...(this.db.prepare('SELECT name FROM entity WHERE warehouse = ?').all(name) as { name: string }[]).map(
        (row) => `entity "${row.name}" (warehouse)`,
      ),
      ...(
        this.db.prepare('SELECT entity FROM extract WHERE source_connection = ? OR lander_connection = ?').all(name, name) as {
          entity: string;
        }[]
      ).map((row) => `extract of entity "${row.entity}"`),
      ...(this.db.prepare('SELECT name FROM fact WHERE warehouse = ?').all(name) as { name: string }[]).map((row) => `fact "${row.name}" (warehouse)`),
    ];
    if (users.length) throw new Error(`connection "${name}" is still used by ${users.join(', ')}; change those first`);
    const { changes } = this.db.prepare('DELETE FROM connection WHERE name = ?').run(name);
    if (changes === 0) throw new Error(`no connection is named "${name}"`);
    this.removeUnusedSecrets();
  }

  // ---- staging entities -------------------------------------------------------------------

  listEntities(): StagingEntity[] {
    return this.rows<StagingEntity>('SELECT definition_json FROM entity ORDER BY name COLLATE NOCASE');
  }

  getEntity(name: string): StagingEntity | undefined {
    return this.row<StagingEntity>('SELECT definition_json FROM entity WHERE name = ?', name);
  }

  saveEntity(input: unknown): StagingEntity {
    const entity = unwrap(parseEntity(input), 'the staging entity is not valid');
    this.db
      .prepare(
        `INSERT INTO entity (name, warehouse, definition_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, warehouse = excluded.warehouse,
           definition_json = excluded.definition_json, updated_at = excluded.updated_at`,
      )
      .run(entity.name, entity.warehouse, canonical(entity), now());
    return entity;
  }

  /** Renames an entity; its extract follows it. */
  renameEntity(from: string, to: string): StagingEntity {
    return this.db.transaction(() => {
      const entity = this.getEntity(from);
      if (!entity) throw new Error(`no staging entity is named "${from}"`);
      if (from.toLowerCase() !== to.toLowerCase() && this.getEntity(to)) {
        throw new Error(`a staging entity named "${to}" already exists`);
      }
      const checked = unwrap(parseEntity({ ...entity, name: to }), 'the staging entity is not valid');
      // ON UPDATE CASCADE moves the extract's key; its definition is rewritten to match.
      this.db.prepare('UPDATE entity SET name = ?, definition_json = ?, updated_at = ? WHERE name = ?').run(
        to, canonical(checked), now(), from,
      );
      const extract = this.getExtract(to);
      if (extract) this.saveExtract({ ...extract, entity: to });
      return checked;
    })();
  }

  /** Deletes an entity and its extract. */
  deleteEntity(name: string): void {
    const { changes } = this.db.prepare('DELETE FROM entity WHERE name = ?').run(name);
    if (changes === 0) throw new Error(`no staging entity is named "${name}"`);
  }

  // ---- extracts ---------------------------------------------------------------------------

  listExtracts(): Extract[] {
    return this.rows<Extract>('SELECT definition_json FROM extract ORDER BY entity COLLATE NOCASE');
  }

  getExtract(entity: string): Extract | undefined {
    return this.row<Extract>('SELECT definition_json FROM extract WHERE entity = ?', entity);
  }

  /** Creates or replaces the extract of an existing entity. */
  saveExtract(input: unknown): Extract {
    const extract = unwrap(parseExtract(input), 'the extract is not valid');
    if (!this.getEntity(extract.entity)) {
      throw new ValidationError(
        [{ object: `extract of entity "${extract.entity}"`, field: 'entity', message: `no staging entity is named "${extract.entity}"; create it first` }],
        'the extract is not valid',
      );
    }
    this.db
      .prepare(
        `INSERT INTO extract (entity, source_connection, lander_connection, pattern, definition_json, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (entity) DO UPDATE SET entity = excluded.entity, source_connection = excluded.source_connection,
           lander_connection = excluded.lander_connection, pattern = excluded.pattern,
           definition_json = excluded.definition_json, updated_at = excluded.updated_at`,
      )
      .run(extract.entity, extract.source.connection, extract.lander.connection, extract.pattern.kind, canonical(extract), now());
    return extract;
  }

  deleteExtract(entity: string): void {
    const { changes } = this.db.prepare('DELETE FROM extract WHERE entity = ?').run(entity);
    if (changes === 0) throw new Error(`entity "${entity}" has no extract`);
  }

  // ---- facts ------------------------------------------------------------------------------

  listFacts(): Fact[] {
    return this.rows<Fact>('SELECT definition_json FROM fact ORDER BY name COLLATE NOCASE');
  }

  getFact(name: string): Fact | undefined {
    return this.row<Fact>('SELECT definition_json FROM fact WHERE name = ?', name);
  }

  /** Creates or replaces a fact (matched by name, ignoring case). */
  saveFact(input: unknown): Fact {
    const fact = unwrap(parseFact(input), 'the fact is not valid');
    this.db
      .prepare(
        `INSERT INTO fact (name, warehouse, definition_json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, warehouse = excluded.warehouse,
           definition_json = excluded.definition_json, updated_at = excluded.updated_at`,
      )
      .run(fact.name, fact.warehouse, canonical(fact), now());
    return fact;
  }

  deleteFact(name: string): void {
    const { changes } = this.db.prepare('DELETE FROM fact WHERE name = ?').run(name);
    if (changes === 0) throw new Error(`no fact is named "${name}"`);
  }

  /** Saves `input` in place of the fact named `from` (a rename), in one transaction. */
  renameFact(from: string, input: unknown): Fact {
    return this.db.transaction(() => {
      this.deleteFact(from);
      return this.saveFact(input);
    })();
  }

  // ---- the whole project ------------------------------------------------------------------

  /** The project as one document, with defaults applied (not yet checked across objects). */
  getProject(): Project {
    const settings = this.getSettings();
    return projectSchema.parse({
      format: PROJECT_FORMAT,
      version: PROJECT_VERSION,
      name: settings.name,
      description: settings.description,
      batch: settings.batch,
      parameters: settings.parameters,
      connections: this.listConnections(),
      entities: this.listEntities(),
      extracts: this.listExtracts(),
      facts: this.listFacts(),
    });
  }

  /** Every rule of the model, across objects: what must hold before a run. */
  validate(): Validated<Project> {
    return validateProject(this.getProject());
  }

  /** The canonical, diff-friendly JSON document of this project. */
  exportDocument(): string {
    return toCanonicalJson(this.getProject());
  }

  private replaceDesign(project: Project): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM fact; DELETE FROM extract; DELETE FROM entity; DELETE FROM connection;');
      this.updateSettings({
        name: project.name,
        description: project.description,
        batch: project.batch,
        parameters: project.parameters,
      });
      // Written without removing secrets: the document's connections may refer to the saved ones.
      for (const connection of project.connections) this.writeConnection(connection);
      for (const entity of project.entities) this.saveEntity(entity);
      for (const extract of project.extracts) this.saveExtract(extract);
      for (const fact of project.facts) this.saveFact(fact);
    })();
  }

  // ---- secrets ----------------------------------------------------------------------------

  /** Encrypts a secret with the app's cipher and returns the reference to store in a connection. */
  putSecret(plaintext: string, cipher: SecretCipher): string {
    const id = randomUUID();
    this.db.prepare('INSERT INTO secret (id, cipher, ciphertext, created_at) VALUES (?, ?, ?, ?)').run(
      id, cipher.id, cipher.encrypt(plaintext), now(),
    );
    return `\${secret:${id}}`;
  }

  /**
   * Deletes the secrets no connection refers to any more (replaced, or their connection deleted),
   * then empties the write-ahead log, so their ciphertext is in neither file: secure_delete zeroes
   * the rows, and the log's older copies of the pages go with the checkpoint.
   */
  private removeUnusedSecrets(): void {
    const used = new Set<string>();
    for (const row of this.db.prepare('SELECT definition_json FROM connection').all() as { definition_json: string }[]) {
      for (const match of row.definition_json.matchAll(/\$\{secret:([^}]+)\}/g)) used.add(match[1]!);
    }
    const unused = (this.db.prepare('SELECT id FROM secret').all() as { id: string }[]).filter((row) => !used.has(row.id));
    if (!unused.length) return;
    const remove = this.db.prepare('DELETE FROM secret WHERE id = ?');
    for (const { id } of unused) remove.run(id);
    // Inside a transaction (a rename) the checkpoint waits for the next change outside one.
    if (!this.db.inTransaction) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * Resolves a secret reference: `${env:NAME}` from the environment, `${secret:ID}` through the
   * cipher. Errors say which reference failed and how to provide it.
   */
  resolveSecret(reference: string, options: { env?: NodeJS.ProcessEnv; cipher?: SecretCipher } = {}): string {
    const ref = parseSecretRef(reference);
    if (!ref) throw new Error('a secret must be a reference such as ${env:NAME}; clear-text secrets are not accepted');
    if (ref.source === 'env') {
      const value = (options.env ?? process.env)[ref.name];
      if (value === undefined) throw new Error(`environment variable ${ref.name} is not set; export it before running`);
      return value;
    }
    const row = this.db.prepare('SELECT cipher, ciphertext FROM secret WHERE id = ?').get(ref.name) as
      | { cipher: string; ciphertext: Buffer }
      | undefined;
    if (!row) throw new Error(`secret ${ref.name} is not in this project file; enter it again in Connections`);
    if (!options.cipher || options.cipher.id !== row.cipher) {
      throw new Error(`secret ${ref.name} was saved by the desktop app (${row.cipher}) and can only be read there; for headless runs use \${env:NAME}`);
    }
    return options.cipher.decrypt(row.ciphertext);
  }

  // ---- run history ----------------------------------------------------------------------

  /** Records a run as it starts (now), its id, batch date and entities from its spec, with the options it was started with. */
  startRun(spec: JobSpec, options: Record<string, unknown>): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO run (id, batch_date, status, started_at, options_json, host, pid) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        spec.runId, spec.batchDate, 'running', new Date().toISOString(), JSON.stringify(options), hostname(), process.pid,
      );
      const entity = this.db.prepare('INSERT INTO run_entity (run_id, entity, status, definition_json) VALUES (?, ?, ?, ?)');
      for (const job of spec.entities) {
        // The job entity holds no secrets (connections are not part of it).
        entity.run(spec.runId, job.entity.name, 'queued', canonical({ entity: job.entity, extract: job.extract, parameters: spec.parameters }));
      }
    })();
  }

  /** Appends a statement the engine executed to the run's statement log (an entity's, or a fact's). */
  recordStatement(runId: string, entity: string, entry: LogEntry | FactLogEntry, at: string): void {
    this.db.prepare(`INSERT INTO run_statement (run_id, entity, seq, step, target, dialect, sql, executed_at)
      SELECT ?, ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM run_statement WHERE run_id = ? AND entity = ?`).run(
      runId, entity, entry.step, entry.target, entry.dialect, entry.sql, at, runId, entity,
    );
  }

  /** One run's record, or undefined when the history has no run with this id. */
  getRun(id: string): RunRecord | undefined {
    return this.runs('WHERE id = ?', [id])[0];
  }

  /** What a run recorded of its entities (one, when `entity` is given), in entity order. */
  runLog(runId: string, entity?: string): RunEntityLog[] {
    const rows = this.db.prepare(`SELECT entity, definition_json, inputs_json FROM run_entity WHERE run_id = ? AND object = 'entity'${entity === undefined ? '' : ' AND lower(entity) = lower(?)'} ORDER BY entity`)
      .all(...(entity === undefined ? [runId] : [runId, entity])) as { entity: string; definition_json: string | null; inputs_json: string | null }[];
    const statements = this.db.prepare('SELECT step, target, dialect, sql, executed_at FROM run_statement WHERE run_id = ? AND entity = ? ORDER BY seq');
    return rows.map((row) => ({
      entity: row.entity,
      ...(row.definition_json ? { definition: JSON.parse(row.definition_json) as RunEntityLog['definition'] } : {}),
      ...(row.inputs_json ? { inputs: JSON.parse(row.inputs_json) as RunInputs } : {}),
      statements: (statements.all(runId, row.entity) as { step: LogEntry['step']; target: LogEntry['target']; dialect: LogEntry['dialect']; sql: string; executed_at: string }[])
        .map((s) => ({ step: s.step, target: s.target, dialect: s.dialect, sql: s.sql, executedAt: s.executed_at })),
    }));
  }

  /** Whether the history holds a run with this id. */
  hasRun(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM run WHERE id = ?').get(id) !== undefined;
  }

  /** Records a run's result and its entities' results. */
  finishRun(result: RunResult): void {
    this.db.transaction(() => {
      const updated = this.db.prepare('UPDATE run SET status = ?, finished_at = ?, error = ? WHERE id = ?').run(
        result.status, result.finishedAt, result.error ?? null, result.runId,
      );
      if (updated.changes === 0) {
        this.db.prepare('INSERT INTO run (id, batch_date, status, started_at, finished_at, options_json, error) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          result.runId, '', result.status, result.startedAt, result.finishedAt, '{}', result.error ?? null,
        );
      }
      const upsert = this.db.prepare(`INSERT INTO run_entity (run_id, entity, status, rows_read, rows_loaded, bytes, files, started_at, finished_at, error, mode, inserted, updated, deleted, inputs_json, metrics_json, evolution_json, checks_json)
        VALUES (@run, @entity, @status, @rows, @loaded, @bytes, @files, @startedAt, @finishedAt, @error, @mode, @inserted, @updated, @deleted, @inputs, @metrics, @evolution, @checks)
        ON CONFLICT (run_id, entity) DO UPDATE SET status = excluded.status, rows_read = excluded.rows_read, rows_loaded = excluded.rows_loaded,
          bytes = excluded.bytes, files = excluded.files, started_at = excluded.started_at, finished_at = excluded.finished_at,
          error = excluded.error, mode = excluded.mode, inserted = excluded.inserted, updated = excluded.updated, deleted = excluded.deleted,
          inputs_json = excluded.inputs_json, metrics_json = excluded.metrics_json, evolution_json = excluded.evolution_json, checks_json = excluded.checks_json`);
      for (const e of result.entities) {
        upsert.run({
          run: result.runId, entity: e.entity, status: e.status, rows: e.rows,
          loaded: (e.inserted ?? 0) + (e.updated ?? 0) + (e.deleted ?? 0), bytes: e.bytes, files: e.files,
          startedAt: e.startedAt, finishedAt: e.finishedAt, error: e.error ?? null, mode: e.mode ?? null,
          inserted: e.inserted ?? 0, updated: e.updated ?? 0, deleted: e.deleted ?? 0,
          inputs: e.inputs ? JSON.stringify(e.inputs) : null,
          metrics: e.metrics ? JSON.stringify(e.metrics) : null,
          evolution: e.evolution ? JSON.stringify(e.evolution) : null,
          checks: e.checks ? JSON.stringify(e.checks) : null,
        });
      }
      // Entities the run never reached (it was refused or failed early) keep no "queued" state.
      this.db.prepare("UPDATE run_entity SET status = ? WHERE run_id = ? AND status = 'queued'").run(result.status === 'cancelled' ? 'cancelled' : 'failed', result.runId);
    })();
  }

  /** Records a fact's processing pass as a run as it starts (now): its one row is the fact, with the definition it ran with. */
  startFactRun(runId: string, fact: Fact, dialect: DialectName, options: Record<string, unknown>): void {
    this.db.transaction(() => {
      const at = now();
      this.db.prepare("INSERT INTO run (id, batch_date, status, started_at, options_json, host, pid) VALUES (?, '', 'running', ?, ?, ?, ?)").run(runId, at, JSON.stringify(options), hostname(), process.pid);
      this.db.prepare("INSERT INTO run_entity (run_id, entity, object, status, started_at, definition_json) VALUES (?, ?, 'fact', 'running', ?, ?)").run(runId, fact.name, at, canonical({ fact, dialect }));
    })();
  }

  /** Records the end of a fact run: done with the rows it copied to the fact and its probes' answers, or failed with the error. */
  finishFactRun(runId: string, fact: string, outcome: { readonly status: 'done' | 'failed' | 'cancelled'; readonly rows: number; readonly inputs?: FactRunInputs; readonly error?: string }): void {
    this.db.transaction(() => {
      const at = now();
      const runStatus = outcome.status === 'done' ? 'succeeded' : outcome.status;
      this.db.prepare('UPDATE run SET status = ?, finished_at = ?, error = ? WHERE id = ?').run(runStatus, at, outcome.error ?? null, runId);
      this.db.prepare('UPDATE run_entity SET status = ?, rows_read = ?, rows_loaded = ?, inserted = ?, finished_at = ?, error = ?, inputs_json = ? WHERE run_id = ? AND entity = ?').run(
        outcome.status, outcome.rows, outcome.rows, outcome.rows, at, outcome.error ?? null, outcome.inputs ? JSON.stringify(outcome.inputs) : null, runId, fact,
      );
    })();
  }

  /** What a fact run recorded: the fact and dialect it ran with, its probes' answers, and its statements; undefined for a run of entities. */
  factRunLog(runId: string): FactRunLog | undefined {
    const row = this.db.prepare("SELECT entity, definition_json, inputs_json FROM run_entity WHERE run_id = ? AND object = 'fact'").get(runId) as { entity: string; definition_json: string | null; inputs_json: string | null } | undefined;
    if (!row) return undefined;
    const definition = row.definition_json ? (JSON.parse(row.definition_json) as { fact: Fact; dialect: DialectName }) : undefined;
    const statements = this.db.prepare('SELECT step, target, dialect, sql, executed_at FROM run_statement WHERE run_id = ? AND entity = ? ORDER BY seq').all(runId, row.entity) as { step: FactLogEntry['step']; dialect: DialectName; sql: string; executed_at: string }[];
    return {
      fact: row.entity,
      ...(definition ? { definition: definition.fact, dialect: definition.dialect } : {}),
      ...(row.inputs_json ? { inputs: JSON.parse(row.inputs_json) as FactRunInputs } : {}),
      statements: statements.map((s) => ({ step: s.step, target: 'warehouse' as const, dialect: s.dialect, sql: s.sql, executedAt: s.executed_at })),
    };
  }

  /** The latest runs, newest first, each with its entities' results. */
  listRuns(limit = 50): RunRecord[] {
    return this.runs('ORDER BY started_at DESC, id DESC LIMIT ?', [limit]);
  }

  private runs(where: string, params: unknown[]): RunRecord[] {
    const runs = this.db.prepare(`SELECT id, batch_date, status, started_at, finished_at, options_json, error FROM run ${where}`).all(...params) as {
      id: string; batch_date: string; status: string; started_at: string; finished_at: string | null; options_json: string; error: string | null;
    }[];
    const entities = this.db.prepare('SELECT * FROM run_entity WHERE run_id = ? ORDER BY entity');
    return runs.map((run) => ({
      id: run.id,
      batchDate: run.batch_date,
      status: run.status,
      startedAt: run.started_at,
      finishedAt: run.finished_at ?? undefined,
      options: JSON.parse(run.options_json) as Record<string, unknown>,
      error: run.error ?? undefined,
      entities: (entities.all(run.id) as Record<string, unknown>[]).map((e) => ({
        entity: String(e.entity),
        ...(e.object === 'fact' ? { object: 'fact' as const } : {}),
        status: String(e.status),
        mode: (e.mode as string | null) ?? undefined,
        rows: Number(e.rows_read),
        bytes: Number(e.bytes),
        files: Number(e.files),
        inserted: Number(e.inserted),
        updated: Number(e.updated),
        deleted: Number(e.deleted),
        startedAt: (e.started_at as string | null) ?? undefined,
        finishedAt: (e.finished_at as string | null) ?? undefined,
        error: (e.error as string | null) ?? undefined,
        ...(e.metrics_json ? { metrics: JSON.parse(e.metrics_json as string) as EntityMetrics } : {}),
        ...(typeof e.evolution_json === 'string' ? { evolution: JSON.parse(e.evolution_json) as SchemaEvolution } : {}),
        ...(typeof e.checks_json === 'string' ? { checks: JSON.parse(e.checks_json) as CheckResult[] } : {}),
      })),
    }));
  }

  private rows<T>(sql: string, ...params: unknown[]): T[] {
    return (this.db.prepare(sql).all(...params) as { definition_json: string }[]).map((row) => JSON.parse(row.definition_json) as T);
  }

  private row<T>(sql: string, ...params: unknown[]): T | undefined {
    const row = this.db.prepare(sql).get(...params) as { definition_json: string } | undefined;
    return row ? (JSON.parse(row.definition_json) as T) : undefined;
  }
}
