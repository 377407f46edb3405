/**
 * The one IPC contract between the designer (renderer) and the app (main): every request as
 * `noun:verb` → argument and result, every event main sends. The preload exposes one named method
 * per request (`api.ts`), main validates each argument with `REQUEST_ARGS` before its handler runs.
 */
import { z } from 'zod';
import { SCHEMA_DRIFT_POLICIES, type Connection, type Extract, type Fact, type Project, type ProjectSettings, type SchemaDriftPolicy, type StagingEntity } from '../model/schema.ts';
import type { ValidationIssue } from '../model/validate.ts';
import { DIALECTS, type DialectName } from '../sql/dialect.ts';
import type { PlanStepName, PlanTarget } from '../plan/run-plan.ts';
import type { CheckResult, EngineEvent, SchemaEvolution } from '../protocol/engine.ts';
import { batchDateProblem } from '../time.ts';
import type { EntityMetrics } from '../run-metrics.ts';

/** What the designer shows of an open project. */
export interface ProjectInfo {
  readonly path: string;
  readonly name: string;
  readonly project: Project;
  /** Problems of the whole project, each naming its object and field. */
  readonly issues: readonly ValidationIssue[];
}

export interface RecentProject {
  readonly path: string;
  readonly name: string;
  readonly openedAt: string;
  readonly exists: boolean;
}

export interface ConnectionTestResult {
  readonly ok: boolean;
  /** The server's answer (its version) or its error, as it said it. */
  readonly message: string;
  readonly milliseconds: number;
}

export interface SourceTable {
  readonly schema?: string | undefined;
  readonly name: string;
  readonly kind: 'table' | 'view';
}

/** One step of an entity's run plan as the preview shows it (`landfall sql` prints the same plan). */
export interface StepPreview {
  readonly step: PlanStepName;
  readonly target: PlanTarget;
  /** Absent for lake steps, which run no SQL. */
  readonly dialect?: DialectName | undefined;
  readonly text: string;
}

/** A preview that could not be made: the issues of the draft, by field. */
export type SqlPreviewResult = { readonly ok: true; readonly inputs: readonly string[]; readonly steps: readonly StepPreview[] } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** A fact's plan as `landfall sql <project> <fact>` prints it, or the issues of the draft that stop it. */
export type FactPreviewResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export type SaveResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export interface RunEntityRecord {
  /** An entity's name, or a fact's when `object` is 'fact' (a `landfall process` pass). */
  readonly entity: string;
  readonly object?: 'fact' | undefined;
  readonly status: string;
  readonly mode?: string | undefined;
  readonly rows: number;
  readonly bytes: number;
  readonly files: number;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  readonly startedAt?: string | undefined;
  readonly finishedAt?: string | undefined;
  readonly error?: string | undefined;
  /** What the run measured of the entity (entities that committed). */
  readonly metrics?: EntityMetrics | undefined;
  /** What the run migrated in persistent staging, and the source drift it reported. */
  readonly evolution?: SchemaEvolution | undefined;
  /** The data checks its load ran, as far as it got. */
  readonly checks?: readonly CheckResult[] | undefined;
}

export interface RunRecordView {
  readonly id: string;
  readonly batchDate: string;
  readonly status: string;
  readonly startedAt: string;
  readonly finishedAt?: string | undefined;
  readonly error?: string | undefined;
  readonly entities: readonly RunEntityRecord[];
}

/** A column of a data grid: its name and type (the entity's staging type, or the file's own). */
export interface GridColumn {
  readonly name: string;
  readonly type: string;
}

/** Rows to show in a read-only grid: values as display text (NULL as null), at most a preview's limit. */
export interface DataGrid {
  readonly columns: readonly GridColumn[];
  readonly rows: readonly (readonly (string | null)[])[];
  /** More rows were there than the limit. */
  readonly truncated: boolean;
  readonly milliseconds: number;
  /** What was read, in words: the source connection and table, or the lake folder. */
  readonly from: string;
  /** The statement that was run, as text (for a source preview, with its sample values). */
  readonly statement?: string | undefined;
}

/** One landed file, as its set's manifest lists it. */
export interface LakeFileView {
  /** The lake path (relative to the lander's root), for `lake:readFile`. */
  readonly path: string;
  readonly name: string;
  readonly bytes: number;
  readonly rows: number;
  /** The `key=value/…` folders of a partitioned layout, empty otherwise. */
  readonly partition: string;
}

/** A published file set of an entity: `Latest`, or one archived under `Archive/`. */
export interface LakeSetView {
  readonly kind: 'latest' | 'archive';
  readonly folder: string;
  readonly runId?: string | undefined;
  readonly publishedAt?: string | undefined;
  readonly files: readonly LakeFileView[];
}

/** What one batch wrote to persistent staging: new keys, changed keys, deleted keys. */
export interface BatchCounts {
  readonly batchId: string;
  readonly validFrom: string;
  readonly inserted: number;
  readonly changed: number;
  readonly deleted: number;
}

/** One row of an entity's watermark ledger (`zdm.control_parameter_history`), oldest first. */
export interface LedgerEntry {
  readonly parameter: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
  /** The run that saved it, or (a rollback) the run whose state it went back to; null for a set. */
  readonly runId: string | null;
  readonly changedAt: string;
  /** `run`, or `person:<user>` for a change made by hand. */
  readonly changedBy: string;
}

/** An entity's saved values now and their ledger. */
export interface LedgerView {
  readonly entity: string;
  readonly warehouse: string;
  readonly saved: readonly { readonly parameter: string; readonly value: string | null }[];
  readonly history: readonly LedgerEntry[];
}

/** A change of saved values by hand: what changes, and whether it was made (only with `confirmed`). */
export interface LedgerChange {
  readonly entity: string;
  readonly changes: readonly { readonly parameter: string; readonly from: string | null; readonly to: string | null }[];
  /** Every parameter the change sets, with its value afterwards. */
  readonly values: Readonly<Record<string, string | null>>;
  readonly applied: boolean;
  readonly message: string;
}

/** One version of a business key in persistent staging, oldest first. */
export interface KeyVersion {
  readonly batchId: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly isCurrent: boolean;
  readonly isDeleted: boolean;
  /** The entity's columns, by name, as display text. */
  readonly values: Readonly<Record<string, string | null>>;
  /** The columns whose value differs from the previous version (none for the first). */
  readonly changed: readonly string[];
}

/**
 * An entity's source compared with what its extract reads (as the run's drift step compares them),
 * and what bringing the entity to the source would do: the entity's changes and the migration of
 * persistent staging, as `landfall migrate --dry-run` prints it.
 */
export interface DriftReview {
  readonly entity: string;
  /** The entity's `schemaDrift` policy (absent in the entity: `warn`). */
  readonly policy: SchemaDriftPolicy;
  /** What was read, in words: the connection and table. */
  readonly source: string;
  /** Columns the extract reads that the source no longer has, one sentence each. */
  readonly breaking: readonly string[];
  /** Source columns the extract does not read, one sentence each. */
  readonly added: readonly string[];
  /** What applying the differences changes in the entity, one sentence per column (empty: nothing to apply). */
  readonly entityChanges: readonly string[];
  /** What keeps the differences from being applied, each with what to do instead. */
  readonly problems: readonly string[];
  /** The DDL persistent staging needs after the change (the next run's migrate step runs it). */
  readonly statements: readonly string[];
  /** How the warehouse commits those statements, or why there are none. */
  readonly note: string;
}

const name = z.string().min(1).max(128);
const path = z.string().min(1).max(4096);
const draft = z.unknown();
/** Secret values typed in a connection form, by field (`password`, `credential.key`, …). */
const secrets = z.record(z.string(), z.string().max(65536)).default({});
/**
 * Set by the renderer only when the path comes from a text field the user typed in; any other
 * path must have come back from `dialog:choosePath` (main remembers those). Page script can set
 * it too, so main asks the user to confirm a typed path it does not know yet (once per path).
 */
const typed = z.boolean().default(false);
/** Names one running data preview, chosen by the renderer (a UUID). */
const previewId = z.string().min(1).max(100);

/** What a native file dialog is asked for. */
export const PATH_PURPOSES = ['newProject', 'openProject', 'file', 'folder'] as const;
export type PathPurpose = (typeof PATH_PURPOSES)[number];

/** A batch date: a real calendar day, YYYY-MM-DD (the one check, shared/time.ts). */
const batchDate = z.string().refine((text) => batchDateProblem(text) === undefined, 'must be a calendar day as YYYY-MM-DD');

/** Argument validators, one per request; main runs them before any handler. */
export const REQUEST_ARGS = {
  /** Asks the user for a path with the native dialog; the answer is null when they cancel. */
  'dialog:choosePath': z.strictObject({ purpose: z.enum(PATH_PURPOSES), defaultPath: path.optional() }),
  'project:create': z.strictObject({ path, name: name.optional(), demo: z.boolean().default(false), typed }),
  'project:open': z.strictObject({ path, typed }),
  'project:close': z.undefined(),
  'project:current': z.undefined(),
  'project:recent': z.undefined(),
  'project:updateSettings': z.strictObject({ settings: draft }),
  'connection:save': z.strictObject({
    connection: draft,
    /** The saved name when renaming. */
    previousName: name.optional(),
    /** Secret values typed in the form, by field (`password`, `credential.key`, …): encrypted by main, never stored in clear. */
    secrets,
    /** The file or folder path (SQLite, DuckDB, local folder) was typed in the form (see `typed`). */
    typed,
  }),
  'connection:delete': z.strictObject({ name }),
  /** `typed`: the connection's file or folder path was typed in the form (see `typed`). */
  'connection:test': z.strictObject({ connection: draft, secrets, typed }),
  'connection:tables': z.strictObject({ name }),
  'entity:save': z.strictObject({ entity: draft, previousName: name.optional() }),
  'entity:delete': z.strictObject({ name }),
  'entity:importFromSource': z.strictObject({ connection: name, schema: z.string().max(128).optional(), table: name, warehouse: name, lander: name.optional(), entityName: name.optional() }),
  'extract:save': z.strictObject({ extract: draft }),
  'extract:delete': z.strictObject({ entity: name }),
  'sql:preview': z.strictObject({
    /** Drafts as typed (unsaved); the saved ones are used when absent. */
    entityName: name,
    entity: draft.optional(),
    extract: draft.optional(),
    dialect: z.enum(DIALECTS).optional(),
    batchDate: batchDate.optional(),
    /** Saved watermarks by change column, to preview a later incremental run (as `landfall sql --saved`). */
    watermarks: z.record(z.string().max(128), z.string().max(200)).optional(),
  }),
  /** `previousName`: the saved name when renaming (absent for a new fact). */
  'fact:save': z.strictObject({ fact: draft, previousName: name.optional() }),
  'fact:delete': z.strictObject({ name }),
  /** A fact's plan text; `fact` is the draft as typed (the saved fact `factName` when absent), checked within the project. */
  'fact:preview': z.strictObject({ factName: name.optional(), fact: draft.optional(), dialect: z.enum(DIALECTS).optional() }).refine((arg) => arg.factName !== undefined || arg.fact !== undefined, 'name a saved fact (factName) or give a draft (fact)'),
  'run:start': z.strictObject({
    entities: z.array(name).max(1000).default([]),
    batchDate: batchDate.optional(),
    parallel: z.number().int().min(1).max(64).optional(),
  }),
  'run:cancel': z.strictObject({ runId: z.string().min(1).max(100) }),
  'run:history': z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }),
  /**
   * The first rows the entity's extract query reads (drafts as typed, `@parameters` bound with
   * sample values), read-only and time-limited; `previewId` names it for `preview:cancel`.
   */
  'preview:source': z.strictObject({ entityName: name, entity: draft.optional(), extract: draft.optional(), batchDate: batchDate.optional(), previewId }),
  'preview:cancel': z.strictObject({ previewId }),
  /** The first rows of the saved entity's landed `Latest` files, read with DuckDB. */
  'preview:landed': z.strictObject({ entityName: name }),
  /** The saved entity's published file sets: `Latest` and the archived ones. */
  'lake:sets': z.strictObject({ entityName: name }),
  /** The first rows of one landed file of the entity (a path `lake:sets` listed). */
  'lake:readFile': z.strictObject({ entityName: name, path }),
  /** Persistent staging: what each batch wrote. */
  'versions:batches': z.strictObject({ entityName: name }),
  /** Persistent staging: every version of one business key (its values in key order, as text). */
  'versions:timeline': z.strictObject({ entityName: name, key: z.array(z.string().max(4000)).min(1).max(16) }),
  /** The saved entity's watermarks as `zdm.control_parameters` holds them now (read-only). */
  'ledger:current': z.strictObject({ entityName: name }),
  /** The saved entity's watermarks and their ledger, oldest first. */
  'ledger:history': z.strictObject({ entityName: name }),
  /**
   * Sets one saved value by hand, under the entity's run lock (refused while it is run), recorded
   * as `person:<user>`; without `confirmed` only says what would change.
   */
  'ledger:set': z.strictObject({ entityName: name, parameter: z.string().min(1).max(128), value: z.string().min(1).max(200), confirmed: z.boolean() }),
  /** Puts every saved value back to where run `toRun` left it; lock, ledger and `confirmed` as `ledger:set`. */
  'ledger:rollback': z.strictObject({ entityName: name, toRun: z.string().min(1).max(100), confirmed: z.boolean() }),
  /** The saved entity's source read again and compared with its extract: the differences and what applying them does. */
  'drift:review': z.strictObject({ entityName: name }),
  /**
   * Brings the saved entity to its source (`columns`: new source columns added, gone ones removed,
   * from a fresh review, never from the page) or switches its `schemaDrift` policy.
   */
  'drift:apply': z.strictObject({
    entityName: name,
    change: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('columns') }), z.strictObject({ kind: z.literal('policy'), policy: z.enum(SCHEMA_DRIFT_POLICIES) })]),
  }),
} as const;

/** Result types, one per request. */
export interface RequestResults {
  'dialog:choosePath': string | null;
  'project:create': ProjectInfo;
  'project:open': ProjectInfo;
  'project:close': null;
  'project:current': ProjectInfo | null;
  'project:recent': RecentProject[];
  'project:updateSettings': SaveResult<ProjectSettings>;
  'connection:save': SaveResult<Connection>;
  'connection:delete': null;
  'connection:test': ConnectionTestResult;
  'connection:tables': SourceTable[];
  'entity:save': SaveResult<StagingEntity>;
  'entity:delete': null;
  /** `notes`: what the designer should check (types mapped loosely, a business key guessed), by field; they do not block the save. */
  'entity:importFromSource': SaveResult<{ entity: StagingEntity; extract: Extract; notes: readonly ValidationIssue[] }>;
  'extract:save': SaveResult<Extract>;
  'extract:delete': null;
  'sql:preview': SqlPreviewResult;
  'fact:save': SaveResult<Fact>;
  'fact:delete': null;
  'fact:preview': FactPreviewResult;
  'run:start': { runId: string };
  'run:cancel': null;
  'run:history': RunRecordView[];
  'preview:source': DataGrid;
  /** Whether a preview of that id was running (and is now stopped). */
  'preview:cancel': boolean;
  'preview:landed': DataGrid;
  'lake:sets': LakeSetView[];
  'lake:readFile': DataGrid;
  'versions:batches': BatchCounts[];
  'versions:timeline': KeyVersion[];
  /** Saved parameter → value; empty when nothing is saved yet (or the warehouse has no control table). */
  'ledger:current': Record<string, string>;
  'ledger:history': LedgerView;
  'ledger:set': LedgerChange;
  'ledger:rollback': LedgerChange;
  'drift:review': DriftReview;
  'drift:apply': SaveResult<StagingEntity>;
}

export type Channel = keyof typeof REQUEST_ARGS;
export const CHANNELS = Object.keys(REQUEST_ARGS) as Channel[];
/** What the renderer passes (defaults not yet applied). */
export type RequestArg<C extends Channel> = z.input<(typeof REQUEST_ARGS)[C]>;
/** What a handler receives (validated, defaults applied). */
export type ValidArg<C extends Channel> = z.output<(typeof REQUEST_ARGS)[C]>;
export type RequestResult<C extends Channel> = RequestResults[C];

/** Events main sends to the window. */
export interface AppEvents {
  /** The open project's design changed (saved by this window or another): refetch. */
  'project:changed': { readonly path: string };
  /** An engine event of the running batch. */
  'run:event': EngineEvent;
}
export type EventName = keyof AppEvents;

/** A handler's failure as it crosses IPC: a message the designer shows as it is. */
export interface IpcError {
  readonly message: string;
}

/** What main answers to an invoke: the handler's result, or its failure; the preload unwraps it. */
export type IpcReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: IpcError };
