/**
 * The designer's read-only looks at data: the first rows an extract reads (`preview:source`, with
 * `preview:cancel`), the landed files (`preview:landed`, `lake:sets`, `lake:readFile`) and
 * persistent staging (`versions:batches`, `versions:timeline`). Nothing here writes: a source is
 * read through the engine's own source with a row limit and a deadline, lake files through an
 * in-memory DuckDB, the warehouse through the read-only catalog (a DuckDB file opened read-only).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BatchCounts, DataGrid, KeyVersion, RequestResult, ValidArg } from '../../shared/ipc/contract.ts';
import type { Connection, Project, StagingEntity, Extract } from '../../shared/model/index.ts';
import { previewInputs } from '../../shared/plan/preview-plan.ts';
import { planSubject, sqlInput } from '../../shared/plan/run-plan.ts';
import { dialect, dialectOf } from '../../shared/sql/dialect.ts';
import { compile, preview } from '../../shared/sql/statement.ts';
import { extractStatement, readStateStatement } from '../../shared/sql/steps/extract.ts';
import { CONTROL_TABLE } from '../../shared/sql/steps/columns.ts';
import { batchCountsStatement, keyTimelineStatement } from '../../shared/sql/steps/versions.ts';
import { today } from '../../shared/time.ts';
import { isLakeStoreConnection, openLakeStore } from '../../engine/land/lake-stores.ts';
import { insideRoot, lakePath } from '../../engine/land/lake-path.ts';
import { isSqlConnection, withCatalog } from '../catalog/source-catalog.ts';
import { gridRows, gridText } from '../preview/grid-text.ts';
import { lakeSets, readLandedFiles } from '../preview/lake-browser.ts';
import { previewSourceRows } from '../preview/source-preview.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { draftProject } from './draft-project.ts';

/** The channels these handlers answer. */
export type BrowseChannel = 'preview:source' | 'preview:cancel' | 'preview:landed' | 'lake:sets' | 'lake:readFile' | 'versions:batches' | 'versions:timeline' | 'ledger:current';

/** How many source rows a preview shows. */
export const PREVIEW_ROWS = 100;
/** How long a source preview may read before it is stopped. */
export const PREVIEW_TIMEOUT_MS = 30_000;

/** What the browse handlers need of the app's handlers: the open project and resolved connections. */
export interface BrowseContext {
  readonly requireStore: () => ProjectStore;
  /** A saved connection with its paths made absolute and its secrets resolved, ready to open. */
  readonly ready: (connection: Connection) => Connection;
  readonly previewTimeoutMs?: number | undefined;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function savedSubject(project: Project, entityName: string): { entity: StagingEntity; extract: Extract } {
  const entity = project.entities.find((e) => same(e.name, entityName));
  if (!entity) throw new Error(`no staging entity is named "${entityName}"`);
  const extract = project.extracts.find((x) => same(x.entity, entity.name));
  if (!extract) throw new Error(`entity "${entity.name}" has no extract yet: nothing has landed`);
  return { entity, extract };
}

export function createBrowseHandlers(context: BrowseContext): { [C in BrowseChannel]: (arg: ValidArg<C>) => Promise<RequestResult<C>> } {
  const { requireStore, ready } = context;
  const running = new Map<string, AbortController>();
  const connectionNamed = (project: Project, name: string, role: string, entity: string): Connection => {
    const found = project.connections.find((c) => same(c.name, name));
    if (!found) throw new Error(`entity "${entity}": its ${role} connection "${name}" does not exist`);
    return ready(found);
  };
  /** The lander's store, for an entity whose files land in a lake folder or container. */
  const lakeOf = (project: Project, entity: StagingEntity, extract: Extract) => {
    const lander = connectionNamed(project, extract.lander.connection, 'lander', entity.name);
    if (!isLakeStoreConnection(lander)) throw new Error(`entity "${entity.name}": lander "${lander.name}" is ${lander.kind}: its files are not kept in a lake`);
    return { lander, open: () => openLakeStore(lander) };
  };
  /** Local paths of landed files: only a folder lake's files can be opened by DuckDB here. */
  const localFiles = (lander: Connection, paths: readonly string[]): string[] => {
    if (!('path' in lander)) throw new Error(`lander "${lander.name}" is ${lander.kind}: the designer opens the files of a local folder lake only (DuckDB here reads no Azure storage); preview the entity's staging table instead`);
    return paths.map((path) => insideRoot(resolve(lander.path), path));
  };
  const warehouseOf = (project: Project, entity: StagingEntity) => {
    const warehouse = connectionNamed(project, entity.warehouse, 'warehouse', entity.name);
    const speaks = dialectOf(warehouse.kind);
    if (!speaks || !isSqlConnection(warehouse)) throw new Error(`entity "${entity.name}": warehouse "${warehouse.name}" is ${warehouse.kind}: its persistent staging cannot be read here`);
    if ('path' in warehouse && !existsSync(warehouse.path)) throw new Error(`warehouse "${warehouse.name}" has no database file yet (${warehouse.path}): run the entity once first`);
    return { warehouse, speaks };
  };
  const noTable = (entity: StagingEntity, error: unknown): never => {
    const text = error instanceof Error ? error.message : String(error);
    // Each server says "does not exist" its own way; the designer says it once, with the server's words.
    throw new Error(`entity "${entity.name}": persistent staging could not be read (${text}); it exists once the entity has been run`);
  };

  return {
    async 'preview:source'({ entityName, entity, extract, batchDate, previewId }) {
      if (running.has(previewId)) throw new Error(`a preview named ${previewId} is already running`);
      const drafted = draftProject(requireStore().getProject(), entityName, entity, extract);
      if (!drafted.ok) throw new Error(drafted.issues.map((i) => `${i.object}${i.field ? ` ${i.field}` : ''}: ${i.message}`).join('; '));
      const subject = planSubject(drafted.project, drafted.name);
      if (subject.extract.source.kind === 'files') throw new Error(`entity "${subject.entity.name}" reads files: preview its landed files instead`);
      if (subject.extract.pattern.kind === 'changeTracking') throw new Error(`entity "${subject.entity.name}" uses Change Tracking: its changes are read from CHANGETABLE from a saved version; preview the landed files instead`);
      const input = sqlInput(subject);
      const { inputs } = previewInputs(subject, { batchDate: batchDate ?? today() });
      // The first run's query (no saved watermarks), with the sample run id, batch id and date of the SQL preview.
      const { statement } = extractStatement(input, { batchDate: inputs.batchDate, batchId: BigInt(inputs.batchId), batchTime: inputs.startedAt, runId: inputs.runId, watermarks: {} });
      const speaks = dialect(input.sourceDialect!);
      const source = ready(subject.source);
      const controller = new AbortController();
      running.set(previewId, controller);
      const started = performance.now();
      try {
        const { rows, truncated } = await previewSourceRows(source, compile(statement, speaks), { limit: PREVIEW_ROWS, timeoutMs: context.previewTimeoutMs ?? PREVIEW_TIMEOUT_MS, signal: controller.signal });
        const from = subject.extract.source.kind === 'table'
          ? `${subject.extract.source.schema ? `${subject.extract.source.schema}.` : ''}${subject.extract.source.table} on ${subject.source.kind} connection "${subject.source.name}"`
          : `the extract query on ${subject.source.kind} connection "${subject.source.name}"`;
        return {
          columns: subject.entity.columns.map((c) => ({ name: c.name, type: c.type })),
          rows: gridRows(rows),
          truncated,
          milliseconds: Math.round(performance.now() - started),
          from,
          statement: preview(statement, speaks),
        } satisfies DataGrid;
      } finally {
        running.delete(previewId);
      }
    },

    async 'preview:cancel'({ previewId }) {
      const controller = running.get(previewId);
      if (!controller) return false;
      controller.abort();
      return true;
    },

    async 'preview:landed'({ entityName }) {
      const project = requireStore().getProject();
      const { entity, extract } = savedSubject(project, entityName);
      const { lander, open } = lakeOf(project, entity, extract);
      const [latest] = (await lakeSets(await open(), extract)).filter((s) => s.kind === 'latest');
      if (!latest) throw new Error(`entity "${entity.name}" has no published Latest set in lander "${lander.name}" yet: run it first`);
      return readLandedFiles(extract, entity, localFiles(lander, latest.files.map((f) => f.path)), `${latest.folder} (${latest.files.length} file${latest.files.length === 1 ? '' : 's'}) on lander "${lander.name}"`);
    },

    async 'lake:sets'({ entityName }) {
      const project = requireStore().getProject();
      const { entity, extract } = savedSubject(project, entityName);
      return lakeSets(await lakeOf(project, entity, extract).open(), extract);
    },

    async 'lake:readFile'({ entityName, path }) {
      const project = requireStore().getProject();
      const { entity, extract } = savedSubject(project, entityName);
      const { lander, open } = lakeOf(project, entity, extract);
      // Only a file a published set lists: the page names a lake path, never any file of the machine.
      const wanted = lakePath(path);
      const listed = (await lakeSets(await open(), extract)).some((set) => set.files.some((f) => f.path === wanted));
      if (!listed) throw new Error(`"${path}" is not a file of a published set of entity "${entity.name}" in lander "${lander.name}"`);
      return readLandedFiles(extract, entity, localFiles(lander, [wanted]), `${wanted} on lander "${lander.name}"`);
    },

    async 'versions:batches'({ entityName }) {
      const project = requireStore().getProject();
      const entity = project.entities.find((e) => same(e.name, entityName));
      if (!entity) throw new Error(`no staging entity is named "${entityName}"`);
      const { warehouse, speaks } = warehouseOf(project, entity);
      const statement = batchCountsStatement(entity, speaks);
      const rows = await withCatalog(warehouse, (catalog) => catalog.query(statement)).catch((error: unknown) => noTable(entity, error));
      return rows.map(([batchId, validFrom, inserted, changed, deleted]): BatchCounts => ({
        batchId: gridText(batchId) ?? '',
        validFrom: gridText(validFrom) ?? '',
        inserted: Number(inserted),
        changed: Number(changed),
        deleted: Number(deleted),
      }));
    },

    async 'versions:timeline'({ entityName, key }) {
      const project = requireStore().getProject();
      const entity = project.entities.find((e) => same(e.name, entityName));
      if (!entity) throw new Error(`no staging entity is named "${entityName}"`);
      const { warehouse, speaks } = warehouseOf(project, entity);
      const statement = keyTimelineStatement(entity, speaks, key);
      const rows = await withCatalog(warehouse, (catalog) => catalog.query(statement)).catch((error: unknown) => noTable(entity, error));
      const names = entity.columns.map((c) => c.name);
      const flag = (value: unknown): boolean => value === true || value === 1 || value === 1n || value === '1' || value === 't';
      let previous: Record<string, string | null> | undefined;
      return rows.map((row): KeyVersion => {
        const values = Object.fromEntries(names.map((n, i) => [n, gridText(row[i])]));
        const [validFrom, validTo, isCurrent, isDeleted, batchId] = row.slice(names.length);
        const changed = previous ? names.filter((n) => previous![n] !== values[n]) : [];
        previous = values;
        return { batchId: gridText(batchId) ?? '', validFrom: gridText(validFrom) ?? '', validTo: gridText(validTo), isCurrent: flag(isCurrent), isDeleted: flag(isDeleted), values, changed };
      });
    },

    async 'ledger:current'({ entityName }) {
      const project = requireStore().getProject();
      const subject = planSubject(project, entityName);
      const warehouse = ready(subject.warehouse);
      // A file warehouse that is not there yet holds no state (a run creates it once files have landed).
      if ('path' in warehouse && !existsSync(warehouse.path)) return {};
      const { speaks } = warehouseOf(project, subject.entity);
      if (!isSqlConnection(warehouse)) return {};
      const input = sqlInput(subject);
      const rows = await withCatalog(warehouse, async (catalog) => {
        if (!(await catalog.query(dialect(speaks).tableExists('zdm', CONTROL_TABLE))).length) return [];
        return catalog.query(readStateStatement(input));
      });
      return Object.fromEntries(rows.map(([parameter, value]) => [gridText(parameter) ?? '', gridText(value) ?? '']));
    },
  };
}
