/**
 * Starting points for new objects, taken from the schema's own defaults (parsed, never written
 * again here) and fitted to the warehouse by its kind's descriptor, so a new extract is valid for
 * the warehouse it feeds. The designer's forms and the app's import from source start from these.
 */
import { describeKind, isSqlSourceKind, LANDER_KINDS } from './connection-kinds.ts';
import { connectionSchema, extractSchema, type Connection, type ConnectionKind, type Extract, type Project, type StagingEntity } from './schema.ts';

type FilesSource = globalThis.Extract<Extract['source'], { kind: 'files' }>;
type CsvFormat = globalThis.Extract<Extract['format'], { kind: 'csv' }>;
type FilesCsvFormat = globalThis.Extract<FilesSource['format'], { kind: 'csv' }>;

/** An extract that only has its required fields; the schema fills in the rest. */
const MINIMAL_EXTRACT = { entity: 'e', source: { kind: 'table', connection: 'c', table: 't' }, pattern: { kind: 'full' }, lander: { connection: 'l' } } as const;

/** The schema's defaults of a connection kind's fields, by field name (`port`, `encrypt`…); required fields have none. */
export function connectionDefaults(kind: ConnectionKind): Record<string, unknown> {
  const option = connectionSchema.options.find((o) => o.shape.kind.value === kind)!;
  const defaults: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(option.shape)) {
    // A field with a default parses `undefined` into it; a required one fails, an optional one gives undefined.
    const parsed = schema.safeParse(undefined);
    if (parsed.success && parsed.data !== undefined && field !== 'kind') defaults[field] = parsed.data;
  }
  return defaults;
}

/** The schema's defaults of an extract's optional parts: format (CSV), compression, file size, lander folder and concurrency (no lander chosen). */
export function extractDefaults(): Omit<Extract, 'entity' | 'source' | 'pattern'> {
  const { entity: _entity, source: _source, pattern: _pattern, ...rest } = extractSchema.parse(MINIMAL_EXTRACT);
  return { ...rest, lander: { ...rest.lander, connection: '' } };
}

/** The schema's CSV output format (delimiter, qualifier, header, NULL marker). */
export function csvFormatDefaults(): CsvFormat {
  return extractSchema.parse({ ...MINIMAL_EXTRACT, format: { kind: 'csv' } }).format as CsvFormat;
}

/** A files source (Multi Wild Card File) with the schema's defaults: folder, archive folder, files in parallel, CSV format. */
export function filesSourceDefaults(connection: string, pattern: string): FilesSource {
  const parsed = extractSchema.parse({
    ...MINIMAL_EXTRACT,
    source: { kind: 'files', connection: connection || 'c', pattern, format: { kind: 'csv' } },
    pattern: { kind: 'multiWildCardFile' },
  });
  return { ...(parsed.source as FilesSource), connection };
}

/** The schema's CSV format of files read by a files source (delimiter, qualifier, header, encoding). */
export function filesCsvFormatDefaults(): FilesCsvFormat {
  return filesSourceDefaults('', '*').format as FilesCsvFormat;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The lander a new extract for `warehouse` uses: the first connection of the first lake kind its
 * load reads from, else the warehouse itself where it bulk-copies into itself; for no warehouse
 * (or a connection that is none), the first connection that can land files.
 */
export function defaultLander(connections: readonly Connection[], warehouse: Connection | undefined): Connection | undefined {
  const traits = warehouse ? describeKind(warehouse.kind).warehouse : undefined;
  // No warehouse (yet), or a connection that cannot be one: validation says so; any lander will do meanwhile.
  if (!warehouse || !traits) return connections.find((c) => LANDER_KINDS.includes(c.kind));
  for (const kind of traits.landers) {
    const found = connections.find((c) => c.kind === kind);
    if (found) return found;
  }
  return traits.landsInItself ? warehouse : undefined;
}

/**
 * A new Full extract of `entity` from `source` (the first SQL connection when absent, its table
 * named after the entity), with the schema's defaults made to fit the entity's warehouse: the
 * lander its load reads from, the NULL marker its CSV load understands, a compression it reads.
 */
export function newExtract(project: Project, entity: Pick<StagingEntity, 'name' | 'warehouse'>, source?: Extract['source']): Extract {
  const defaults = extractDefaults();
  const warehouse = project.connections.find((c) => same(c.name, entity.warehouse));
  const loads = warehouse ? describeKind(warehouse.kind).warehouse : undefined;
  const format: Extract['format'] = loads?.nullMarker && defaults.format.kind === 'csv' ? { ...defaults.format, nullMarker: loads.nullMarker.marker } : defaults.format;
  return {
    ...defaults,
    entity: entity.name,
    source: source ?? { kind: 'table', connection: project.connections.find((c) => isSqlSourceKind(c.kind))?.name ?? '', table: entity.name },
    pattern: { kind: 'full' },
    format,
    // zstd is the schema's default; gzip is what a load that refuses zstd reads best.
    compression: loads?.zstdRefused && defaults.compression === 'zstd' ? 'gzip' : defaults.compression,
    lander: { ...defaults.lander, connection: defaultLander(project.connections, warehouse)?.name ?? '' },
  };
}

/** A new entity's warehouse: the first connection of a kind a new entity prefers as warehouse. */
export function defaultWarehouse(connections: readonly Connection[]): Connection | undefined {
  return connections.find((c) => describeKind(c.kind).warehouse?.preferred);
}
