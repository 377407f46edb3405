/**
 * The app's side of the IPC contract (`shared/ipc/contract.ts`), electron-free: plain validated
 * arguments in, plain values out. bind-ipc.ts puts these behind `ipcMain` for the window; the
 * Node and Playwright tests call the very same handlers directly.
 *
 * One project is open at a time. Bad input to a save is an answer (`{ ok: false, issues }` with
 * the field of each problem), not an error; errors are for what the user cannot fix in the form
 * (no project open, a file that is not a project, a run already going).
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import {
  parseConnection,
  parseEntity,
  parseExtract,
  parseSecretRef,
  parseSettings,
  secretFieldsOf,
  sourceTraits,
  stableStringify,
  validateProject,
  ValidationError,
  type Connection,
  type ValidationIssue,
} from '../../shared/model/index.ts';
import type { AppEvents, Channel, EventName, ProjectInfo, RequestResult, RunRecordView, SaveResult, ValidArg } from '../../shared/ipc/contract.ts';
import { previewPlan } from '../../shared/plan/preview-plan.ts';
import { inputLines, stepText } from '../../shared/plan/statement-log.ts';
import type { EngineEvent } from '../../shared/protocol/engine.ts';
import { ProjectStore } from '../store/project-store.ts';
import type { SecretCipher } from '../store/secret-cipher.ts';
import { createDemo } from '../demo/create-demo.ts';
import { recordRun } from '../run/run-recorder.ts';
import { buildJobSpec } from '../run/job-spec.ts';
import { resolveConnection, storeSecrets } from '../run/resolve-connection.ts';
import { today } from '../../shared/time.ts';
import type { EngineLauncher, RunningEngine } from '../engine-launcher.ts';
import { isSqlConnection, listTables, readTable, testConnection } from '../catalog/source-catalog.ts';
import { importEntity } from '../catalog/import-entity.ts';
import { withSampledTypes } from '../catalog/sampled-types.ts';
import { RecentProjects } from './recent-projects.ts';
import { isInside, PathGrants, type PathChooser, type PathConfirmer } from './path-grants.ts';
import { draftProject } from './draft-project.ts';
import { createBrowseHandlers } from './browse-handlers.ts';
import { createLedgerHandlers } from './ledger-handlers.ts';
import { createDriftHandlers } from './drift-handlers.ts';
import { createFactHandlers } from './fact-handlers.ts';

export type Handlers = { [C in Channel]: (arg: ValidArg<C>) => Promise<RequestResult<C>> };

export interface HandlerOptions {
  /** Where `recent.json` lives (the app's user-data folder). */
  readonly stateFolder: string;
  /** Encrypts the secrets typed into connection forms (Electron's safeStorage in the app). */
  readonly cipher: SecretCipher;
  readonly launcher: EngineLauncher;
  /** Sends an event to the window. */
  readonly emit: <E extends EventName>(event: E, payload: AppEvents[E]) => void;
  /** The native file dialog (Electron's in the app, a stand-in in tests); without one, paths are typed. */
  readonly chooser?: PathChooser;
  /**
   * Asks the user to confirm a typed path the window does not know yet (Electron's message box in
   * the app, a stand-in in tests): the page says a path was typed, only the user can mean it.
   */
  readonly confirm: PathConfirmer;
  /** Resolves `${env:NAME}` secrets; `process.env` when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** How long a data preview may read a source (browse-handlers.ts; tests give less). */
  readonly previewTimeoutMs?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A copy of `draft` with `value` at the dotted `field`. */
function withField(draft: Record<string, unknown>, field: string, value: string): Record<string, unknown> {
  const [head, ...rest] = field.split('.');
  if (!rest.length) return { ...draft, [head!]: value };
  const inner = isObject(draft[head!]) ? (draft[head!] as Record<string, unknown>) : {};
  return { ...draft, [head!]: withField(inner, rest.join('.'), value) };
}

/** The draft's name for issue labels, as validate.ts labels objects. */
function objectLabel(kind: string, draft: unknown, key = 'name'): string {
  const name = isObject(draft) ? draft[key] : undefined;
  return typeof name === 'string' && name ? `${kind} "${name}"` : kind;
}

const notAnObject = (object: string): ValidationIssue[] => [{ object, field: '', message: 'must be an object with the form\'s fields' }];

function issuesOf<T>(error: unknown): SaveResult<T> {
  if (error instanceof ValidationError) return { ok: false, issues: error.issues };
  throw error;
}

/**
 * Typed secrets checked against the draft, each replaced by a stand-in reference so the draft
 * validates without them: `{ draft, typed: reference → value }` or the issues.
 */
function withTypedSecrets(connection: unknown, secrets: Record<string, string>): { draft: Record<string, unknown>; typed: Map<string, { field: string; value: string }> } | { issues: ValidationIssue[] } {
  const object = objectLabel('connection', connection);
  if (!isObject(connection)) return { issues: notAnObject(object) };
  const allowed = secretFieldsOf(connection).map((field) => field.path);
  const issues: ValidationIssue[] = [];
  let draft = connection;
  const typed = new Map<string, { field: string; value: string }>();
  for (const [field, value] of Object.entries(secrets)) {
    // An empty field means "not typed": the saved reference stays.
    if (value === '') continue;
    if (!allowed.includes(field)) {
      issues.push({ object, field, message: allowed.length ? `is not a secret of this connection; its secret is ${allowed.join(', ')}` : 'this connection has no secret field' });
      continue;
    }
    if (parseSecretRef(value)) {
      draft = withField(draft, field, value);
      continue;
    }
    const stand = `\${secret:typed-${field}}`;
    typed.set(stand, { field, value });
    draft = withField(draft, field, stand);
  }
  return issues.length ? { issues } : { draft, typed };
}

/** Whether two connections send what they hold to the same place: every setting but the name and description alike. */
function sameDestination(a: Connection, b: Connection): boolean {
  const settings = (c: Connection): string => stableStringify({ ...c, name: '', description: '' });
  return settings(a) === settings(b);
}

function runView(run: ReturnType<ProjectStore['listRuns']>[number]): RunRecordView {
  return {
    id: run.id,
    batchDate: run.batchDate,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
    entities: run.entities.map((e) => ({ ...e })),
  };
}

/** Creates the handlers; `dispose()` ends a running engine and closes the project. */
export function createHandlers(options: HandlerOptions): Handlers & { dispose(): Promise<void> } {
  const { cipher, launcher, emit } = options;
  const env = options.env ?? process.env;
  const recent = new RecentProjects(options.stateFolder);
  let store: ProjectStore | undefined;
  let running: RunningEngine | undefined;
  const grants = new PathGrants();
  /**
   * A path the page names, accepted only as the user gave it: chosen in the dialog, `known`
   * (recent projects, the project's own files), or typed and confirmed by the user in a native
   * message box that names the path and `action` — once per path per session (path-grants.ts).
   */
  const userPath = async (request: { readonly path: string; readonly typed: boolean; readonly what: string; readonly action: (file: string) => string; readonly known?: (file: string) => boolean }): Promise<string> => {
    const file = resolve(request.path);
    if (grants.allows(file) || request.known?.(file)) return file;
    if (!request.typed) throw new Error(`${request.what} ${file} was neither chosen in the file dialog nor typed in a field: choose it with Browse… or type it`);
    const declined = `${request.what} ${file} was typed but not allowed in the confirmation: nothing was done there; choose it with Browse… to use it`;
    if (grants.wasDeclined(file)) throw new Error(declined);
    const allowed = await options.confirm({ path: file, action: request.action(file) });
    grants.answer(file, allowed);
    if (!allowed) throw new Error(declined);
    return file;
  };
  /** Whether `file` is one the open project keeps: inside its folder, or a saved connection's path. */
  const projectFile = (open: ProjectStore, file: string): boolean => {
    const base = projectFolder();
    return isInside(file, base) || open.getProject().connections.some((c) => 'path' in c && resolve(base, c.path) === file);
  };

  const requireStore = (): ProjectStore => {
    if (!store) throw new Error('no project is open: open or create one first');
    return store;
  };
  const refuseWhileRunning = (what: string): void => {
    if (running) throw new Error(`a run is in progress (run ${running.runId}): wait for it to finish or cancel it before you ${what}`);
  };
  const changed = (): void => emit('project:changed', { path: requireStore().path });
  /** Writes to the open project and announces the change; invalid input becomes issues. */
  const saved = <T>(write: () => T): SaveResult<T> => {
    try {
      const value = write();
      changed();
      return { ok: true, value };
    } catch (error) {
      return issuesOf(error);
    }
  };
  /** Deletes from the open project and announces the change. */
  const deleted = (remove: (open: ProjectStore) => void): null => {
    remove(requireStore());
    changed();
    return null;
  };
  const info = (open: ProjectStore): ProjectInfo => {
    const project = open.getProject();
    const validated = validateProject(project);
    return { path: open.path, name: project.name, project, issues: validated.ok ? [] : validated.issues };
  };
  const use = (next: ProjectStore): ProjectInfo => {
    store?.close();
    store = next;
    const opened = info(next);
    recent.add(next.path, opened.name);
    return opened;
  };
  const projectFolder = (): string => dirname(resolve(requireStore().path));
  const secretValue = (open: ProjectStore, connection: string) => storeSecrets(open, connection, { env, cipher });
  const savedConnection = (name: string): Connection => {
    const connection = requireStore().getConnection(name);
    if (!connection) throw new Error(`no connection is named "${name}"`);
    return connection;
  };
  const ready = (connection: Connection): Connection => resolveConnection(connection, projectFolder(), secretValue(requireStore(), connection.name));

  const entitySpec = (entityName: string) => buildJobSpec(requireStore(), requireStore().path, { entities: [entityName], cipher, env });

  const handlers: Handlers = {
    ...createBrowseHandlers({ requireStore, ready, previewTimeoutMs: options.previewTimeoutMs }),
    ...createLedgerHandlers({ specOf: entitySpec }),
    ...createDriftHandlers({ specOf: entitySpec, save: (entity) => saved(() => requireStore().saveEntity(entity)) }),
    ...createFactHandlers({ requireStore, saved, deleted }),

    async 'dialog:choosePath'({ purpose, defaultPath }) {
      if (!options.chooser) throw new Error('this window has no file dialog: type the path instead');
      const chosen = await options.chooser({ purpose, defaultPath });
      if (!chosen) return null;
      grants.grant(chosen, purpose === 'folder' ? 'folder' : 'file');
      return resolve(chosen);
    },

    async 'project:create'({ path, name, demo, typed }) {
      refuseWhileRunning('create a project');
      const file = await userPath({
        path, typed, what: 'the new project file',
        action: (at) => (demo
          ? `create the demo project ${at} and, in ${dirname(at)}, its sample source, lake folder and DuckDB warehouse`
          : `create the project file ${at} (and its folder)`),
      });
      const title = name ?? (basename(file, extname(file)) || 'Landfall project');
      if (!demo) mkdirSync(dirname(file), { recursive: true });
      const created = demo ? await createDemo(file, { name: name ?? 'Sales demo' }) : ProjectStore.create(file, { name: title });
      const opened = use(created);
      changed();
      return opened;
    },

    async 'project:open'({ path, typed }) {
      refuseWhileRunning('open another project');
      const file = await userPath({
        path, typed, what: 'the project file', action: (at) => `open the project file ${at}`,
        known: (candidate) => recent.list().some((r) => resolve(r.path) === candidate),
      });
      const opened = use(ProjectStore.open(file));
      changed();
      return opened;
    },

    async 'project:close'() {
      refuseWhileRunning('close the project');
      const closed = store?.path;
      store?.close();
      store = undefined;
      if (closed) emit('project:changed', { path: closed });
      return null;
    },

    async 'project:current'() {
      return store ? info(store) : null;
    },

    async 'project:recent'() {
      return recent.list();
    },

    async 'project:updateSettings'({ settings }) {
      const open = requireStore();
      if (!isObject(settings)) return { ok: false, issues: notAnObject('project') };
      const parsed = parseSettings({ ...open.getSettings(), ...settings });
      if (!parsed.ok) return parsed;
      const saved = open.updateSettings(parsed.value);
      recent.add(open.path, saved.name);
      changed();
      return { ok: true, value: saved };
    },

    async 'connection:save'({ connection, previousName, secrets, typed }) {
      const open = requireStore();
      const prepared = withTypedSecrets(connection, secrets);
      if ('issues' in prepared) return { ok: false, issues: prepared.issues };
      const parsed = parseConnection(prepared.draft);
      if (!parsed.ok) return parsed;
      const object = `connection "${parsed.value.name}"`;
      const renaming = previousName !== undefined && !same(previousName, parsed.value.name);
      // A new connection never replaces a saved one: only an edit (previousName) changes it.
      if (previousName === undefined && open.getConnection(parsed.value.name)) {
        return { ok: false, issues: [{ object, field: 'name', message: `a connection named "${parsed.value.name}" already exists; open it to change it, or give this one another name (names are unique, ignoring case)` }] };
      }
      if (previousName !== undefined && !open.getConnection(previousName)) {
        return { ok: false, issues: [{ object, field: 'name', message: `no saved connection is named "${previousName}"; it may have been deleted` }] };
      }
      if (renaming && open.getConnection(parsed.value.name)) {
        return { ok: false, issues: [{ object, field: 'name', message: `another connection is named "${parsed.value.name}"; names must be unique (ignoring case)` }] };
      }
      // Runs will read and write a file-based connection's path: a new one comes from the user like any other.
      if ('path' in parsed.value) {
        const base = projectFolder();
        const before = previousName === undefined ? undefined : open.getConnection(previousName);
        const target = resolve(base, parsed.value.path);
        if (!(before && 'path' in before && resolve(base, before.path) === target)) {
          try {
            await userPath({
              path: target, typed, what: `connection "${parsed.value.name}": the ${parsed.value.kind} path`,
              action: (at) => `save connection "${parsed.value.name}" with the ${parsed.value.kind} path ${at}: the project's runs and tests will ${parsed.value.kind === 'localfs' ? 'read and write files in that folder' : 'open and write that file'}`,
              known: (file) => projectFile(open, file),
            });
          } catch (error) {
            return { ok: false, issues: [{ object, field: 'path', message: (error as Error).message }] };
          }
        }
      }
      let final: Record<string, unknown> = prepared.draft;
      for (const { field, value } of prepared.typed.values()) {
        try {
          final = withField(final, field, open.putSecret(value, cipher));
        } catch (error) {
          return { ok: false, issues: [{ object, field, message: `could not be kept encrypted: ${(error as Error).message}` }] };
        }
      }
      return saved(() => {
        if (renaming) open.renameConnection(previousName, parsed.value.name);
        return open.saveConnection(final);
      });
    },

    async 'connection:delete'({ name }) {
      return deleted((open) => open.deleteConnection(name));
    },

    async 'connection:test'({ connection, secrets, typed }) {
      const open = requireStore();
      const prepared = withTypedSecrets(connection, secrets);
      const refuse = (issues: readonly ValidationIssue[]) => ({
        ok: false,
        message: `the connection is not valid: ${issues.map((i) => (i.field ? `${i.field} ${i.message}` : i.message)).join('; ')}`,
        milliseconds: 0,
      });
      if ('issues' in prepared) return refuse(prepared.issues);
      const parsed = parseConnection(prepared.draft);
      if (!parsed.ok) return refuse(parsed.issues);
      let resolved: Connection;
      try {
        const saved = secretValue(open, parsed.value.name);
        // A reference the form did not type (a saved ${secret:…}, any ${env:…}) is resolved only
        // for a saved connection that holds it with exactly these settings: the page may change
        // host, port, user or TLS, and the secret must not follow it there.
        const holder = open.getProject().connections.find((c) => sameDestination(c, parsed.value));
        resolved = resolveConnection(parsed.value, projectFolder(), (ref, what) => {
          const typedValue = prepared.typed.get(ref);
          if (typedValue) return typedValue.value;
          if (!holder) throw new Error(`connection "${parsed.value.name}", ${what}: ${ref} is used in a test only by the saved connection that holds it, with the same settings (host, port, database, user…): type the ${what} to test these settings, or save the connection first`);
          return saved(ref, what);
        });
      } catch (error) {
        return { ok: false, message: (error as Error).message, milliseconds: 0 };
      }
      // A test opens the file or write-probes the folder: only where the user pointed, or where the project keeps its files.
      if ('path' in resolved) {
        try {
          await userPath({
            path: resolved.path, typed, what: `the ${resolved.kind} path`,
            action: (at) => (resolved.kind === 'localfs' ? `test the folder ${at} by writing and deleting a probe file in it` : `test the ${resolved.kind} file ${at} by opening it`),
            known: (file) => projectFile(open, file),
          });
        } catch (error) {
          return { ok: false, message: (error as Error).message, milliseconds: 0 };
        }
      }
      return testConnection(resolved);
    },

    async 'connection:tables'({ name }) {
      const connection = ready(savedConnection(name));
      if (!isSqlConnection(connection)) throw new Error(`connection "${connection.name}" is ${connection.kind}: it holds files, not tables`);
      return listTables(connection);
    },

    async 'entity:save'({ entity, previousName }) {
      const open = requireStore();
      if (!isObject(entity)) return { ok: false, issues: notAnObject(objectLabel('entity', entity)) };
      const parsed = parseEntity(entity);
      if (!parsed.ok) return parsed;
      const object = `entity "${parsed.value.name}"`;
      if (previousName !== undefined && !open.getEntity(previousName)) {
        return { ok: false, issues: [{ object, field: 'name', message: `no saved entity is named "${previousName}"; it may have been deleted` }] };
      }
      const renaming = previousName !== undefined && !same(previousName, parsed.value.name);
      if (renaming && open.getEntity(parsed.value.name)) {
        return { ok: false, issues: [{ object, field: 'name', message: `another entity is named "${parsed.value.name}"; names must be unique (ignoring case)` }] };
      }
      return saved(() => {
        if (renaming) open.renameEntity(previousName, parsed.value.name);
        return open.saveEntity(parsed.value);
      });
    },

    async 'entity:delete'({ name }) {
      return deleted((open) => open.deleteEntity(name));
    },

    async 'entity:importFromSource'({ connection, schema, table, warehouse, lander, entityName }) {
      const open = requireStore();
      const source = savedConnection(connection);
      if (!isSqlConnection(source)) throw new Error(`connection "${source.name}" is ${source.kind}: tables are imported from a database connection`);
      const resolved = ready(source);
      if (!isSqlConnection(resolved)) throw new Error(`connection "${source.name}" is not a database connection`);
      const declared = await readTable(resolved, { schema, name: table });
      // SQLite declares no date, datetime or exact decimal types of its own: the values say which they hold.
      const found = sourceTraits(resolved.kind).catalog === 'sqlite' ? await withSampledTypes(resolved, { schema, name: table }, declared) : declared;
      const made = importEntity(open.getProject(), { source, schema, table, warehouse, lander, entityName }, found);
      if (!made.ok) return { ok: false, issues: made.issues };
      try {
        const entity = open.saveEntity(made.entity);
        try {
          const extract = open.saveExtract(made.extract);
          changed();
          return { ok: true, value: { entity, extract, notes: made.notes } };
        } catch (error) {
          // Both or neither: an entity without its extract is not what was asked for.
          open.deleteEntity(entity.name);
          throw error;
        }
      } catch (error) {
        return issuesOf(error);
      }
    },

    async 'extract:save'({ extract }) {
      const open = requireStore();
      if (!isObject(extract)) return { ok: false, issues: notAnObject(objectLabel('extract of entity', extract, 'entity')) };
      const parsed = parseExtract(extract);
      if (!parsed.ok) return parsed;
      return saved(() => open.saveExtract(parsed.value));
    },

    async 'extract:delete'({ entity }) {
      return deleted((open) => open.deleteExtract(entity));
    },

    async 'sql:preview'({ entityName, entity, extract, dialect, batchDate, watermarks }) {
      const drafted = draftProject(requireStore().getProject(), entityName, entity, extract);
      if (!drafted.ok) return drafted;
      const { project: candidate, name } = drafted;
      try {
        const { plan, samples } = previewPlan(candidate, name, { batchDate: batchDate ?? today(), watermarks, ...(dialect ? { dialect } : {}) });
        return {
          ok: true,
          inputs: inputLines(plan.entity, plan.inputs, samples),
          steps: plan.steps.map((step) => ({ step: step.name, target: step.target, ...(step.dialect ? { dialect: step.dialect } : {}), text: stepText(step) })),
        };
      } catch (error) {
        // Say which field stops the preview when the model can tell; otherwise the generator's own words.
        const checked = validateProject(candidate);
        const mine = checked.ok ? [] : checked.issues.filter((i) => i.object === `entity "${name}"` || i.object === `extract of entity "${name}"`);
        return { ok: false, issues: mine.length ? mine : [{ object: `entity "${name}"`, field: '', message: (error as Error).message }] };
      }
    },

    async 'run:start'({ entities, batchDate, parallel }) {
      const open = requireStore();
      if (running) throw new Error(`a run is already in progress (run ${running.runId}): wait for it to finish or cancel it`);
      const spec = buildJobSpec(open, open.path, { entities, batchDate, parallel, cipher, env });
      const record = recordRun(open, spec, { entities, ...(batchDate ? { batchDate } : {}), parallel: spec.parallelEntities, from: 'designer' }, (error) => {
        console.error(`could not record run ${spec.runId}:`, error);
      });
      const relay = (event: EngineEvent): void => {
        // Recorded before the window hears of it, so a history refresh on run:finished sees the run.
        record(event);
        if (event.type === 'run:finished' && running?.runId === event.result.runId) running = undefined;
        emit('run:event', event);
      };
      running = launcher.start(spec, relay);
      return { runId: spec.runId };
    },

    async 'run:cancel'({ runId }) {
      if (running?.runId === runId) {
        running.cancel();
        return null;
      }
      // A cancel that crossed the run's end on its way is not an error.
      if (store?.hasRun(runId)) return null;
      throw new Error(`no run ${runId} is in progress`);
    },

    async 'run:history'({ limit }) {
      return requireStore().listRuns(limit).map(runView);
    },
  };

  return {
    ...handlers,
    async dispose() {
      const engine = running;
      if (engine) {
        engine.kill();
        // The run's end is recorded by relay; give the process a bounded time to go.
        await Promise.race([engine.done, new Promise((resolveLater) => setTimeout(resolveLater, 10_000).unref())]);
      }
      store?.close();
      store = undefined;
    },
  };
}
