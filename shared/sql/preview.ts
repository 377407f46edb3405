/**
 * The SQL of an entity's steps as text, exactly as the engine will run it with the given run
 * state: what `landfall sql` prints and the designer's Monaco preview shows.
 */
import type { Connection, Extract, Project } from '../model/schema.ts';
import { dialect, dialectOf, type DialectName } from './dialect.ts';
import type { CsvLayout, LandedFiles, StageStatement } from './stage-hook.ts';
import { STEPS, extractMode, type EntitySqlInput, type ExtractMode, type RunState, type Step } from './steps/entity-sql-input.ts';
import { changeTrackingVersionsStatement, extractStatement, readStateStatement } from './steps/extract.ts';
import { extractsByCopy, postgresCopyOutStatements } from './steps/copy-out.ts';
import { setupStatements } from './steps/setup.ts';
import { binaryTextFor, stagePreview, stageStatements } from './steps/stage.ts';
import { deltaStatements } from './steps/change-set.ts';
import { persistStatements } from './steps/persist.ts';
import { preview, type Statement } from './statement.ts';

/** File name ending of landed files. */
export function landedExtension(extract: Extract): string {
  if (extract.format.kind === 'parquet') return '.parquet';
  return `.csv${extract.compression === 'gzip' ? '.gz' : extract.compression === 'zstd' ? '.zst' : ''}`;
}

/** Where an entity's complete file set is published, relative to the lander's root. */
export function latestFolder(extract: Extract): string {
  const base = extract.lander.folder.replace(/^\/+|\/+$/g, '');
  return `${base ? `${base}/` : ''}${extract.entity}/Latest`;
}

export function csvLayout(extract: Extract): CsvLayout {
  return extract.format.kind === 'csv'
    ? { delimiter: extract.format.delimiter, qualifier: extract.format.qualifier, header: extract.format.header, nullMarker: extract.format.nullMarker }
    : { delimiter: ',', qualifier: '"', header: true, nullMarker: '' };
}

export interface StepSql {
  readonly step: Step;
  readonly dialect: DialectName;
  /** The statements as they run, values shown as literals, separated by `;` and a blank line. */
  readonly text: string;
}

export interface PreviewOptions {
  readonly step?: Step | 'all';
  /** Show the SQL in another dialect than the connections speak. */
  readonly dialect?: DialectName;
  readonly state: RunState;
}

/**
 * The run state a preview shows (`landfall sql`, the designer's preview): the batch date and, like
 * `landfall sql --saved column=value`, saved watermarks to show a later incremental run; change
 * tracking versions (`--ct-version`) to show a later change tracking run, none saved when absent.
 */
export function previewState(
  batchDate: string,
  watermarks: Readonly<Record<string, string>> = {},
  changeTracking: RunState['changeTracking'] = { saved: undefined, current: '0', minValid: null },
): RunState {
  return {
    batchDate,
    batchId: BigInt(batchDate.replaceAll('-', '')),
    batchTime: `${batchDate} 00:00:00`,
    runId: 'preview',
    watermarks: { ...watermarks },
    changeTracking,
  };
}

function find<T>(items: readonly T[], name: string, key: (item: T) => string): T | undefined {
  return items.find((item) => key(item).toLowerCase() === name.toLowerCase());
}

/** Resolves the objects an entity's SQL needs, with errors that say what is missing. */
export function entitySqlInput(project: Project, entityName: string, override?: DialectName): EntitySqlInput & { lander: Connection } {
  const entity = find(project.entities, entityName, (e) => e.name);
  if (!entity) throw new Error(`no staging entity is named "${entityName}"`);
  const extract = find(project.extracts, entity.name, (x) => x.entity);
  if (!extract) throw new Error(`entity "${entity.name}" has no extract yet`);
  const connection = (name: string, role: string): Connection => {
    const found = find(project.connections, name, (c) => c.name);
    if (!found) throw new Error(`entity "${entity.name}": its ${role} connection "${name}" does not exist`);
    return found;
  };
  const source = connection(extract.source.connection, 'source');
  const warehouse = connection(entity.warehouse, 'warehouse');
  const lander = connection(extract.lander.connection, 'lander');
  const warehouseDialect = override ?? dialectOf(warehouse.kind);
  if (!warehouseDialect) throw new Error(`entity "${entity.name}": ${warehouse.kind} connection "${warehouse.name}" is not a warehouse`);
  const sourceDialect = extract.source.kind === 'files' ? undefined : extract.pattern.kind === 'changeTracking' ? 'tsql' : (override ?? dialectOf(source.kind));
  return { entity, extract, sourceDialect, warehouseDialect, parameters: project.parameters, lander };
}

const render = (statements: readonly Statement[], name: DialectName): string =>
  statements.map((statement) => `${preview(statement, dialect(name))};`).join('\n\n');

/** The stage hook's statements for the preview: the landed files as one glob (or folder, for Synapse). */
function previewStage(input: EntitySqlInput & { lander: Connection }, mode: ExtractMode): StageStatement[] {
  const { extract } = input;
  const folder = latestFolder(extract);
  const glob = `${input.lander.kind === 'localfs' ? `${input.lander.path.replace(/\/+$/, '')}/` : ''}${folder}/*${landedExtension(extract)}`;
  const landed: LandedFiles = {
    files: [glob],
    folder: { dataSource: input.lander.name, location: `/${folder}/` },
    format: { kind: extract.format.kind, csv: csvLayout(extract), compression: extract.compression },
  };
  return stageStatements(input, mode, landed);
}

/** The SQL of the requested steps of one entity. */
export function previewEntitySql(project: Project, entityName: string, options: PreviewOptions): StepSql[] {
  const input = entitySqlInput(project, entityName, options.dialect);
  const { state } = options;
  const mode = extractMode(input, state);
  const steps = options.step === undefined || options.step === 'all' ? STEPS : [options.step];
  const w = input.warehouseDialect;
  return steps.map((step): StepSql => {
    switch (step) {
      case 'extract': {
        if (!input.sourceDialect) {
          return { step, dialect: w, text: `-- entity "${input.entity.name}" reads files matching ${input.extract.source.kind === 'files' ? input.extract.source.pattern : ''}: no query runs on a source` };
        }
        const read = `-- saved state, read from the warehouse (${w}):\n${render([readStateStatement(input)], w)}`;
        const versions = input.extract.pattern.kind === 'changeTracking' ? `\n\n-- change tracking versions, captured before extracting:\n${render([changeTrackingVersionsStatement(input)], 'tsql')}` : '';
        const note = mode === 'full' && input.extract.pattern.kind === 'incremental'
          ? '\n\n-- no saved watermark yet: this first run extracts every row'
          : mode === 'fullFallback' ? '\n\n-- no valid change tracking version saved: a full extract, compared with persistent staging' : '';
        // With another dialect asked for, the plain query is shown: COPY is PostgreSQL's own.
        if (options.dialect === undefined && extractsByCopy(input, mode)) {
          const copy = postgresCopyOutStatements(input, state, csvLayout(input.extract), binaryTextFor(w));
          return { step, dialect: input.sourceDialect, text: `${read}${note}\n\n-- extract (${input.sourceDialect}): the server writes the CSV, each value checked against the entity's type:\n${render(copy.statements, input.sourceDialect)}` };
        }
        const { statement } = extractStatement(input, state);
        return { step, dialect: input.sourceDialect, text: `${read}${versions}${note}\n\n-- extract (${input.sourceDialect}):\n${render([statement], input.sourceDialect)}` };
      }
      case 'stage': {
        const text = [render(setupStatements(input), w), ...stagePreview(previewStage(input, mode), dialect(w))].join('\n\n');
        return { step, dialect: w, text };
      }
      case 'delta': {
        const statements = deltaStatements(input, state, mode);
        return { step, dialect: w, text: statements.length ? render(statements, w) : `-- the ${mode} extract delivers a change set: no comparison with persistent staging` };
      }
      case 'persist':
        return { step, dialect: w, text: render(persistStatements(input, state, mode), w) };
    }
  });
}
