/**
 * A staging entity and its Full extract made from a source table's catalog: columns with mapped
 * types and nullability, the primary key as business key, and the extract's defaults chosen so the
 * project stays valid for the warehouse's kind (lander kind, file format, compression).
 */
import {
  describeKind,
  defaultLander,
  newExtract,
  parseEntity,
  parseExtract,
  validateProject,
  type Connection,
  type Extract,
  type ExtractInput,
  type Project,
  type StagingEntity,
  type StagingEntityInput,
  type ValidationIssue,
} from '../../shared/model/index.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { landfallType, type SqlSourceKind } from './source-types.ts';
import type { TableColumns } from './source-catalog.ts';

export interface ImportRequest {
  /** The source connection (as saved) and the table read from it. */
  readonly source: Connection & { kind: SqlSourceKind };
  readonly schema?: string | undefined;
  readonly table: string;
  readonly warehouse: string;
  readonly lander?: string | undefined;
  readonly entityName?: string | undefined;
}

export type ImportResult =
  | { readonly ok: true; readonly entity: StagingEntity; readonly extract: Extract; readonly notes: ValidationIssue[] }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Builds the entity and extract; nothing is saved. Issues name the request's fields or the new objects' fields. */
export function importEntity(project: Project, request: ImportRequest, found: TableColumns): ImportResult {
  const name = request.entityName ?? request.table;
  const entityObject = `entity "${name}"`;
  const extractObject = `extract of entity "${name}"`;
  const issues: ValidationIssue[] = [];
  const warehouse = project.connections.find((c) => same(c.name, request.warehouse));
  if (!warehouse) issues.push({ object: entityObject, field: 'warehouse', message: `no connection is named "${request.warehouse}"` });
  if (project.entities.some((e) => same(e.name, name))) {
    issues.push({ object: entityObject, field: 'name', message: `an entity named "${name}" already exists; import the table under another entity name` });
  }
  if (!found.columns.length) issues.push({ object: entityObject, field: 'columns', message: `${request.table} has no columns this user can read` });
  let lander: Connection | undefined;
  if (request.lander) {
    lander = project.connections.find((c) => same(c.name, request.lander!));
    if (!lander) issues.push({ object: extractObject, field: 'lander.connection', message: `no connection is named "${request.lander}"` });
  } else if (warehouse) {
    lander = defaultLander(project.connections, warehouse);
    const reads = describeKind(warehouse.kind).warehouse?.landers[0];
    if (!lander && reads) {
      const needed = `a${/^[aeiou]/.test(reads) ? 'n' : ''} ${reads} (${describeKind(reads).label})`;
      issues.push({ object: extractObject, field: 'lander.connection', message: `the ${warehouse.kind} warehouse "${warehouse.name}" loads from ${needed} connection, and the project has none: add one first` });
    }
  }
  if (issues.length || !warehouse || !lander) return { ok: false, issues };

  const notes: ValidationIssue[] = [];
  const refused: ValidationIssue[] = [];
  const mappings: { column: string; expression: string }[] = [];
  const quote = dialect(describeKind(request.source.kind).source!.dialect).quote;
  const columns = found.columns.map((column, index) => {
    const mapped = column.inferred ?? landfallType(request.source.kind, column);
    if (mapped.refused) refused.push({ object: entityObject, field: `columns[${index}].type`, message: `"${column.name}" (${column.dataType}): ${mapped.refused}` });
    if (mapped.note) notes.push({ object: entityObject, field: `columns[${index}].type`, message: `Column "${column.name}" (declared ${column.dataType || 'with no type'}): ${mapped.note}` });
    if (mapped.expression) mappings.push({ column: column.name, expression: mapped.expression.replace('{column}', quote(column.name)) });
    return { name: column.name, type: mapped.type, nullable: column.nullable };
  });
  if (refused.length) return { ok: false, issues: refused };
  let businessKey = found.primaryKey.filter((key) => columns.some((c) => c.name === key));
  if (!businessKey.length) {
    businessKey = [columns[0]!.name];
    notes.push({
      object: entityObject,
      field: 'businessKey',
      message: `${request.table} has no primary key: its first column "${columns[0]!.name}" was made the business key; choose the columns that identify a row`,
    });
  }
  // A business key column never holds NULL (validate.ts insists).
  for (const column of columns) if (businessKey.includes(column.name)) column.nullable = false;

  const entityInput: StagingEntityInput = { name, columns, businessKey, warehouse: warehouse.name };
  // The schema's defaults fitted to what the warehouse's load reads (NULL marker, compression).
  const fitted = newExtract(project, { name, warehouse: warehouse.name }, {
    kind: 'table', connection: request.source.name, ...(request.schema ? { schema: request.schema } : {}), table: request.table,
  });
  const extractInput: ExtractInput = { ...fitted, ...(mappings.length ? { mappings } : {}), lander: { ...fitted.lander, connection: lander.name } };
  const checked = validateProject({ ...project, entities: [...project.entities, entityInput], extracts: [...project.extracts, extractInput] });
  if (!checked.ok) {
    // Other objects' problems are the project's own, shown where they are; they do not block the import.
    const mine = checked.issues.filter((issue) => issue.object === entityObject || issue.object === extractObject);
    if (mine.length) return { ok: false, issues: mine };
  }
  const entity = parseEntity(entityInput);
  const extract = parseExtract(extractInput);
  if (!entity.ok || !extract.ok) return { ok: false, issues: [...(entity.ok ? [] : entity.issues), ...(extract.ok ? [] : extract.issues)] };
  return { ok: true, entity: entity.value, extract: extract.value, notes };
}
