/**
 * Validation of the metadata model. Every issue names the object (`entity "customer"`), the
 * field (`columns[2].type`) and what is wrong, so the designer can show it next to the field and
 * the CLI can print it as one line.
 */
import type { z } from 'zod';
import { isPartitionType, isTemporalType, isWatermarkType, parseColumnType, type ColumnType } from './column-type.ts';
import { CONNECTION_DESCRIPTORS, describeKind, type ConnectionDescriptor } from './connection-kinds.ts';
import { checkFacts } from '../fact/check-fact.ts';
import { datePartitionKeys, historyTemplateProblems } from './lake-layout.ts';
import { landerProblem } from './lander-fit.ts';
import {
  BUILTIN_PARAMETERS,
  connectionSchema,
  entitySchema,
  extractSchema,
  factSchema,
  FILE_SOURCE_KINDS,
  landedCompression,
  LANDER_KINDS,
  projectSchema,
  settingsSchema,
  SQL_SOURCE_KINDS,
  WAREHOUSE_KINDS,
  type Connection,
  type Extract,
  type Fact,
  type Project,
  type ProjectSettings,
  type StagingEntity,
} from './schema.ts';
import { checkSafeguards } from './validate-safeguards.ts';

export interface ValidationIssue {
  /** The object the issue is about, e.g. `entity "customer"` or `project`. */
  readonly object: string;
  /** The field path inside that object, e.g. `columns[2].type`; empty for the object itself. */
  readonly field: string;
  readonly message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** One line per issue: `entity "customer", columns[2].type: … `. */
/** UTF-8 length of a text, without TextEncoder (shared/ has no DOM or Node types). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Why an entity name is too long (or has characters) for the names its warehouse would make of it. */
function entityNameProblem(name: string, warehouse: Connection): string | undefined {
  const descriptor: ConnectionDescriptor = CONNECTION_DESCRIPTORS[warehouse.kind];
  const limit = descriptor.warehouse?.entityName;
  if (!limit) return undefined;
  if (limit.bmpOnly && [...name].some((char) => char.codePointAt(0)! > 0xffff)) {
    return `has a character outside the Basic Multilingual Plane (such as an emoji), which ${warehouse.kind} does not allow in table names; rename the entity`;
  }
  const length = limit.unit === 'bytes' ? utf8Length(name) : [...name].length;
  return length > limit.max ? `is ${length} ${limit.unit} long; on ${warehouse.kind} warehouse "${warehouse.name}" an entity name has at most ${limit.max} ${limit.unit}: ${limit.why}; shorten it` : undefined;
}

/**
 * The source column a Change Tracking business-key mapping reads: its expression when that is one
 * bare column name (CHANGETABLE returns the tracked table's key columns by their own names).
 */
export function changeTrackingKeySource(expression: string): string | undefined {
  const name = expression.trim();
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : undefined;
}

export function formatIssue(issue: ValidationIssue): string {
  return issue.field ? `${issue.object}, ${issue.field}: ${issue.message}` : `${issue.object}: ${issue.message}`;
}

export class ValidationError extends Error {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], summary = 'validation failed') {
    super(`${summary}:\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join('\n')}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** A zod issue path as a field: `columns[2].name`; empty for the value itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value === 'string' ? 'text' : typeof value;
}

/** Rewrites zod's generic wording into a sentence about the field. */
function zodMessage(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const found = valueAt(input, issue.path);
      if (found === undefined) return `is required (${issue.expected})`;
      // A message the schema gave (e.g. `.int('must be a whole number of MB')`) says it best.
      if (!issue.message.startsWith('Invalid input')) return issue.message;
      return `must be ${issue.expected}, not ${describeValue(found)}`;
    }
    case 'invalid_key':
      // The key's own issue carries the schema's message (e.g. how parameter names are spelled).
      return issue.issues[0]?.message ?? issue.message;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}; check the spelling`;
    case 'invalid_value':
      return `must be ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'too_small':
      return issue.message.startsWith('Too small') ? `must be at least ${String(issue.minimum)}` : issue.message;
    case 'too_big':
      return issue.message.startsWith('Too big') ? `must be at most ${String(issue.maximum)}` : issue.message;
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function nameOf(value: unknown, key: string): string | undefined {
  if (value && typeof value === 'object') {
    const name = (value as Record<string, unknown>)[key];
    if (typeof name === 'string' && name.length > 0) return name;
  }
  return undefined;
}

const COLLECTIONS: Record<string, { label: string; key: string }> = {
  connections: { label: 'connection', key: 'name' },
  entities: { label: 'entity', key: 'name' },
  extracts: { label: 'extract of entity', key: 'entity' },
  facts: { label: 'fact', key: 'name' },
};

function label(collection: { label: string; key: string }, value: unknown, index: number): string {
  const name = nameOf(value, collection.key);
  return name === undefined ? `${collection.label.split(' ')[0]} #${index + 1}` : `${collection.label} "${name}"`;
}

function zodIssues(error: z.ZodError, input: unknown, objectLabel: (path: readonly PropertyKey[]) => [string, number]): ValidationIssue[] {
  return error.issues.map((issue) => {
    const [object, depth] = objectLabel(issue.path);
    return { object, field: formatPath(issue.path.slice(depth)), message: zodMessage(issue, input) };
  });
}

function singleObject<T>(schema: z.ZodType<T>, kind: string, key: string, input: unknown): Validated<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const name = key ? nameOf(input, key) : undefined;
  const object = name === undefined ? kind : `${kind} "${name}"`;
  return { ok: false, issues: zodIssues(result.error, input, () => [object, 0]) };
}

/** Validates one connection on its own (names it references are checked by validateProject). */
export function parseConnection(input: unknown): Validated<Connection> {
  return singleObject(connectionSchema, 'connection', 'name', input);
}
export function parseEntity(input: unknown): Validated<StagingEntity> {
  return singleObject(entitySchema, 'entity', 'name', input);
}
export function parseExtract(input: unknown): Validated<Extract> {
  return singleObject(extractSchema, 'extract of entity', 'entity', input);
}

/** Validates one fact on its own (the warehouse and entity it names are checked by validateProject). */
export function parseFact(input: unknown): Validated<Fact> {
  return singleObject(factSchema, 'fact', 'name', input);
}

export function parseSettings(input: unknown): Validated<ProjectSettings> {
  return singleObject(settingsSchema, 'project', '', input);
}

/** Validates a whole project document: structure first, then every rule across objects. */
export function validateProject(input: unknown): Validated<Project> {
  const result = projectSchema.safeParse(input);
  if (!result.success) {
    const issues = zodIssues(result.error, input, (path) => {
      const collection = typeof path[0] === 'string' ? COLLECTIONS[path[0]] : undefined;
      if (collection && typeof path[1] === 'number') {
        const list = valueAt(input, [path[0]!]) as unknown[];
        return [label(collection, list[path[1]], path[1]), 2];
      }
      return ['project', 0];
    });
    return { ok: false, issues };
  }
  const issues = crossCheck(result.data);
  return issues.length ? { ok: false, issues } : { ok: true, value: result.data };
}

const lower = (text: string): string => text.toLowerCase();

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const name of names) {
    if (seen.has(lower(name))) found.push(name);
    seen.add(lower(name));
  }
  return found;
}

function crossCheck(project: Project): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const connections = new Map(project.connections.map((c) => [lower(c.name), c]));
  const entities = new Map(project.entities.map((e) => [lower(e.name), e]));

  for (const name of duplicates(project.connections.map((c) => c.name))) {
    issues.push({ object: `connection "${name}"`, field: 'name', message: 'is used by another connection; names must be unique (ignoring case)' });
  }
  for (const name of duplicates(project.entities.map((e) => e.name))) {
    issues.push({ object: `entity "${name}"`, field: 'name', message: 'is used by another entity; names must be unique (ignoring case)' });
  }
  for (const entity of project.entities) issues.push(...checkEntity(entity, connections));

  const extracted = new Set<string>();
  for (const extract of project.extracts) {
    const object = `extract of entity "${extract.entity}"`;
    if (extracted.has(lower(extract.entity))) {
      issues.push({ object, field: 'entity', message: 'this entity already has an extract; an entity has one extract' });
    }
    extracted.add(lower(extract.entity));
    const entity = entities.get(lower(extract.entity));
    if (!entity) {
      issues.push({ object, field: 'entity', message: `no staging entity is named "${extract.entity}"` });
      continue;
    }
    issues.push(...checkExtract(extract, entity, connections, project.parameters));
    issues.push(...checkSafeguards(entity, extract));
  }
  issues.push(...checkFacts(project.facts, connections, entities));
  return issues;
}

function checkEntity(entity: StagingEntity, connections: Map<string, Connection>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const object = `entity "${entity.name}"`;
  const columns = new Map(entity.columns.map((c) => [lower(c.name), c]));
  for (const name of duplicates(entity.columns.map((c) => c.name))) {
    const index = entity.columns.findLastIndex((c) => lower(c.name) === lower(name));
    issues.push({ object, field: `columns[${index}].name`, message: `column "${name}" appears twice; column names must be unique (ignoring case)` });
  }
  entity.columns.forEach((column, index) => {
    if (/^lf_/i.test(column.name)) {
      issues.push({ object, field: `columns[${index}].name`, message: `"${column.name}" starts with lf_, which Landfall keeps for its own columns (row hash, validity, flags); rename it` });
    }
  });
  entity.businessKey.forEach((key, index) => {
    const column = columns.get(lower(key));
    if (!column) issues.push({ object, field: `businessKey[${index}]`, message: `"${key}" is not a column of this entity` });
    else if (column.nullable) {
      issues.push({ object, field: `businessKey[${index}]`, message: `key column "${key}" must not be nullable; set nullable to false` });
    }
  });
  for (const key of duplicates(entity.businessKey)) {
    issues.push({ object, field: 'businessKey', message: `"${key}" is listed twice` });
  }
  const policy = entity.duplicateKeys;
  if (policy.policy === 'keepLast' && !columns.has(lower(policy.orderBy))) {
    issues.push({ object, field: 'duplicateKeys.orderBy', message: `"${policy.orderBy}" is not a column of this entity: keepLast orders duplicates by one of its columns` });
  }
  const warehouse = connections.get(lower(entity.warehouse));
  if (!warehouse) {
    issues.push({ object, field: 'warehouse', message: `no connection is named "${entity.warehouse}"` });
  } else if (!WAREHOUSE_KINDS.includes(warehouse.kind)) {
    issues.push({ object, field: 'warehouse', message: `connection "${warehouse.name}" is ${warehouse.kind}, which cannot be a warehouse; use one of ${WAREHOUSE_KINDS.join(', ')}` });
  } else {
    const problem = entityNameProblem(entity.name, warehouse);
    if (problem) issues.push({ object, field: 'name', message: problem });
  }
  if (entity.distribution) {
    if (warehouse && !describeKind(warehouse.kind).warehouse?.distributes) {
      issues.push({ object, field: 'distribution', message: `only a Synapse warehouse distributes tables; remove it for ${warehouse.kind}` });
    }
    if (entity.distribution.kind === 'hash' && !columns.has(lower(entity.distribution.column))) {
      issues.push({ object, field: 'distribution.column', message: `"${entity.distribution.column}" is not a column of this entity` });
    }
  }
  return issues;
}

function checkExtract(
  extract: Extract,
  entity: StagingEntity,
  connections: Map<string, Connection>,
  parameters: Record<string, string>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const object = `extract of entity "${entity.name}"`;
  const add = (field: string, message: string): void => void issues.push({ object, field, message });
  const typeOf = (name: string): ColumnType | undefined => {
    const column = entity.columns.find((c) => lower(c.name) === lower(name));
    if (!column) return undefined;
    const type = parseColumnType(column.type);
    return typeof type === 'string' ? undefined : type;
  };
  const isColumn = (name: string): boolean => entity.columns.some((c) => lower(c.name) === lower(name));

  const source = connections.get(lower(extract.source.connection));
  if (!source) add('source.connection', `no connection is named "${extract.source.connection}"`);
  else if (extract.source.kind === 'files' && !FILE_SOURCE_KINDS.includes(source.kind)) {
    add('source.connection', `files are read from ${FILE_SOURCE_KINDS.join(' or ')} connections, not ${source.kind} "${source.name}"`);
  } else if (extract.source.kind !== 'files' && !SQL_SOURCE_KINDS.includes(source.kind)) {
    add('source.connection', `a ${extract.source.kind} is read from a database connection, not ${source.kind} "${source.name}"`);
  }

  const pattern = extract.pattern;
  if ((pattern.kind === 'multiWildCardFile') !== (extract.source.kind === 'files')) {
    add('pattern.kind', pattern.kind === 'multiWildCardFile'
      ? 'the Multi Wild Card File pattern needs a files source'
      : `a files source uses the multiWildCardFile pattern, not ${pattern.kind}`);
  }
  if (pattern.kind === 'changeTracking') {
    if (source && !describeKind(source.kind).source?.changeTracking) {
      add('pattern.kind', `Change Tracking is a SQL Server feature; source "${source.name}" is ${source.kind}. Use incremental or full`);
    }
    if (extract.source.kind !== 'table') {
      add('pattern.kind', 'Change Tracking reads a table (not a view or query): set the source to the tracked table');
    }
    // CHANGETABLE returns the table's key columns; each business-key column must be one of them.
    extract.mappings.forEach((mapping, index) => {
      const isKey = entity.businessKey.some((key) => lower(key) === lower(mapping.column));
      if (isKey && changeTrackingKeySource(mapping.expression) === undefined) {
        add(`mappings[${index}].expression`, `business key column "${mapping.column}" must map straight to a key column of the tracked table for Change Tracking, not to an expression`);
      }
    });
  }
  if (pattern.kind === 'incremental') {
    pattern.changeColumns.forEach((change, index) => {
      const field = `pattern.changeColumns[${index}]`;
      const type = typeOf(change.column);
      if (!isColumn(change.column)) {
        add(`${field}.column`, `"${change.column}" is not a column of entity "${entity.name}"; map the change expression to a staging column and name that column`);
        return;
      }
      if (!type || !isWatermarkType(type)) {
        add(`${field}.column`, `"${change.column}" is ${type?.kind ?? 'of an unknown type'}; a change identifier must be a date, datetime or number column`);
        return;
      }
      if (change.lookback !== undefined) {
        if (isTemporalType(type) && change.lookbackUnit === undefined) {
          add(`${field}.lookbackUnit`, `"${change.column}" is a ${type.kind} column: give the lookback unit (seconds, minutes, hours or days)`);
        }
        if (!isTemporalType(type) && change.lookbackUnit !== undefined) {
          add(`${field}.lookbackUnit`, `"${change.column}" is a number column: its lookback is a plain number, remove the unit`);
        }
        if (type.kind === 'date' && change.lookbackUnit !== undefined && change.lookbackUnit !== 'days') {
          add(`${field}.lookbackUnit`, `"${change.column}" is a date column: its lookback is counted in days`);
        }
      } else if (change.lookbackUnit !== undefined) {
        add(`${field}.lookback`, 'a lookback unit was given without a lookback amount');
      }
    });
    for (const name of duplicates(pattern.changeColumns.map((c) => c.column))) {
      add('pattern.changeColumns', `"${name}" is listed twice`);
    }
  }
  if (pattern.kind === 'dateRange') {
    const type = typeOf(pattern.column);
    if (!isColumn(pattern.column)) add('pattern.column', `"${pattern.column}" is not a column of entity "${entity.name}"`);
    else if (!type || !isTemporalType(type)) {
      add('pattern.column', `"${pattern.column}" is ${type?.kind ?? 'of an unknown type'}; the date range column must be a date or datetime column`);
    }
  }

  const parameterNames = new Set<string>([...BUILTIN_PARAMETERS, ...Object.keys(parameters)]);
  extract.mappings.forEach((mapping, index) => {
    if (!isColumn(mapping.column)) add(`mappings[${index}].column`, `"${mapping.column}" is not a column of entity "${entity.name}"`);
    const parameter = /^@(\w+)$/.exec(mapping.expression.trim());
    if (parameter) {
      const name = parameter[1]!;
      if (!parameterNames.has(name)) {
        add(`mappings[${index}].expression`, `@${name} is not a parameter; use one of ${[...parameterNames].map((p) => `@${p}`).join(', ')} or add it to the project parameters`);
      } else if (name === 'file_name' && extract.source.kind !== 'files') {
        add(`mappings[${index}].expression`, '@file_name exists only for a files source');
      }
    }
  });
  for (const name of duplicates(extract.mappings.map((m) => m.column))) add('mappings', `column "${name}" is mapped twice`);

  checkParallelReads(extract, entity, source, add);
  checkPartition(extract, entity, typeOf, add);
  for (const problem of extract.layout?.history ? historyTemplateProblems(extract.layout.history.path) : []) add('layout.history.path', problem);

  const lander = connections.get(lower(extract.lander.connection));
  const warehouse = connections.get(lower(entity.warehouse));
  if (!lander) add('lander.connection', `no connection is named "${extract.lander.connection}"`);
  else if (!LANDER_KINDS.includes(lander.kind)) {
    add('lander.connection', `connection "${lander.name}" is ${lander.kind}, which cannot land files; use one of ${LANDER_KINDS.join(', ')}`);
  } else if (warehouse && WAREHOUSE_KINDS.includes(warehouse.kind)) {
    const problem = landerProblem(warehouse, lander);
    if (problem) add('lander.connection', problem);
  }
  const loads = warehouse ? describeKind(warehouse.kind).warehouse : undefined;
  // A Parquet file's codec is its format's setting; `compression` is the CSV files'.
  if (loads?.zstdRefused && extract.format.kind === 'csv' && extract.compression === 'zstd') {
    add('compression', `${loads.zstdRefused}; choose gzip or none`);
  }
  if (loads?.zstdParquetRefused && extract.format.kind === 'parquet' && landedCompression(extract) === 'zstd') {
    add('format.compression', `${loads.zstdParquetRefused}; set the Parquet compression to snappy (or gzip, or none)`);
  }
  if (loads?.csvOnlyLoad && extract.format.kind !== 'csv') {
    add('format.kind', `a ${warehouse!.kind} warehouse bulk-loads CSV files (${loads.csvOnlyLoad}); set the format to csv`);
  }
  if (loads?.nullMarker && extract.format.kind === 'csv' && extract.format.nullMarker !== loads.nullMarker.marker) {
    add('format.nullMarker', `${loads.nullMarker.why}; set the NULL marker to "${loads.nullMarker.marker}"`);
  }
  return issues;
}

/**
 * `parallelReads` and `partitionColumn`: several connections read one snapshot, so only a source
 * that shares one (PostgreSQL), never files or Change Tracking, and a column or the table's pages
 * to split the rows by.
 */
/**
 * A partitioned layout names an entity column: a date partition a date or datetime column (its
 * folders come from the date as written), a value partition any column but binary. The folder
 * keys of a date partition must not be entity columns: a reader with Hive partitioning (DuckDB)
 * would read the folder's number in place of the file's column.
 */
function checkPartition(extract: Extract, entity: StagingEntity, typeOf: (name: string) => ColumnType | undefined, add: (field: string, message: string) => void): void {
  const partition = extract.layout?.partition;
  if (!partition) return;
  const field = 'layout.partition.column';
  const type = typeOf(partition.column);
  if (!type) {
    add(field, `"${partition.column}" is not a column of entity "${entity.name}"`);
    return;
  }
  if (partition.kind === 'date') {
    if (!isTemporalType(type)) add(field, `"${partition.column}" is ${type.kind}; a date partition needs a date, datetime or datetimeoffset column`);
    for (const key of datePartitionKeys(partition.granularity)) {
      if (typeOf(key)) add(field, `entity "${entity.name}" has a column "${key}", which is also a folder key of the date partition (${key}=…); rename the column or partition by value`);
    }
  } else if (type.kind === 'binary') {
    add(field, `"${partition.column}" is binary; partition by a column of few text, number or date values`);
  }
}

function checkParallelReads(extract: Extract, entity: StagingEntity, source: Connection | undefined, add: (field: string, message: string) => void): void {
  const named = extract.partitionColumn;
  if (named !== undefined) {
    const column = entity.columns.find((c) => lower(c.name) === lower(named));
    const type = column ? parseColumnType(column.type) : undefined;
    if (!column) add('partitionColumn', `"${named}" is not a column of entity "${entity.name}"; name the integer staging column whose ranges the readers split`);
    else if (typeof type === 'object' && !isPartitionType(type)) {
      add('partitionColumn', `"${named}" is ${type.kind}; the readers split ranges of an integer column (smallint, int or bigint)`);
    }
    if (extract.parallelReads === 1) add('partitionColumn', 'a partition column splits parallel reads: set parallelReads above 1, or remove it');
  }
  if (extract.parallelReads === 1) return;
  const field = 'parallelReads';
  if (extract.source.kind === 'files') {
    add(field, 'a files source reads several files at once with source.parallelFiles; parallelReads splits one database table among connections');
    return;
  }
  if (extract.pattern.kind === 'changeTracking') {
    add(field, 'a Change Tracking extract reads one change set from CHANGETABLE and cannot be split into ranges; set parallelReads to 1');
    return;
  }
  const traits = source ? describeKind(source.kind).source : undefined;
  if (source && traits && traits.parallelReads !== 'exportedSnapshot') {
    add(field, `${traits.parallelReads.refused}; set parallelReads to 1 for ${source.kind} source "${source.name}"`);
    return;
  }
  if (named !== undefined) return;
  const keys = entity.businessKey.map((k) => entity.columns.find((c) => lower(c.name) === lower(k)));
  const keyType = keys.length === 1 && keys[0] ? parseColumnType(keys[0].type) : undefined;
  const integerKey = typeof keyType === 'object' && isPartitionType(keyType);
  if (!integerKey && extract.source.kind === 'query') {
    add('partitionColumn', `a query source read by ${extract.parallelReads} connections needs a partitionColumn: an integer column the query returns (the business key is not one integer column)`);
  }
}
