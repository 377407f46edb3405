/**
 * What an entity has in its lake: the published `Latest` set and the archived ones, each as its
 * manifest lists it (the publish protocol writes the manifest last, so a folder without one is no
 * complete set and is not shown), and the first rows of landed files read with DuckDB.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { DataGrid, GridColumn, LakeFileView, LakeSetView } from '../../shared/ipc/contract.ts';
import type { Extract, StagingEntity } from '../../shared/model/index.ts';
import { csvLayout, latestFolder } from '../../shared/plan/run-plan.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { DUCKDB_OPTIONS } from '../../engine/duckdb.ts';
import { MANIFEST, type LakeStore } from '../../engine/land/lake-store.ts';
import { lakePath } from '../../engine/land/lake-path.ts';
import { gridRows } from './grid-text.ts';

interface ManifestFile {
  readonly name: string;
  readonly rows: number;
  readonly bytes: number;
}

function setOf(kind: LakeSetView['kind'], folder: string, manifest: string | undefined): LakeSetView | undefined {
  if (manifest === undefined) return undefined;
  const parsed = JSON.parse(manifest) as { runId?: unknown; publishedAt?: unknown; files?: unknown };
  const files = Array.isArray(parsed.files) ? (parsed.files as ManifestFile[]) : [];
  return {
    kind,
    folder,
    runId: typeof parsed.runId === 'string' ? parsed.runId : undefined,
    publishedAt: typeof parsed.publishedAt === 'string' ? parsed.publishedAt : undefined,
    files: files.map((file): LakeFileView => {
      const slash = file.name.lastIndexOf('/');
      return { path: lakePath(folder, file.name), name: file.name.slice(slash + 1), bytes: Number(file.bytes), rows: Number(file.rows), partition: slash < 0 ? '' : file.name.slice(0, slash) };
    }),
  };
}

/** `Latest` first, then the archived sets, newest first. */
export async function lakeSets(store: LakeStore, extract: Extract, signal?: AbortSignal): Promise<LakeSetView[]> {
  const latest = latestFolder(extract);
  const entity = latest.replace(/\/Latest$/, '');
  const archive = lakePath(entity, 'Archive');
  const sets: LakeSetView[] = [];
  const current = setOf('latest', latest, await store.read(lakePath(latest, MANIFEST), signal));
  if (current) sets.push(current);
  const archived = (await store.list(archive, signal)).filter((e) => e.folder).map((e) => e.name).sort().reverse();
  for (const name of archived) {
    const folder = lakePath(archive, name);
    const set = setOf('archive', folder, await store.read(lakePath(folder, MANIFEST), signal));
    if (set) sets.push(set);
  }
  return sets;
}

/** How many rows a grid of landed files shows. */
export const LAKE_GRID_ROWS = 100;

/** The DuckDB reader of an extract's landed files: Parquet as typed, CSV as text with the entity's types beside it. */
function readerSql(extract: Extract, files: readonly string[]): string {
  const d = dialect('duckdb');
  const list = `[${files.map((f) => d.literal({ type: 'text', value: f })).join(', ')}]`;
  // Landed files hold every column: a folder above them named like a Hive partition adds none.
  if (extract.format.kind === 'parquet') return `read_parquet(${list}, hive_partitioning = false)`;
  const csv = csvLayout(extract);
  const text = (value: string): string => d.literal({ type: 'text', value });
  return `read_csv(${list}, header = ${csv.header ? 'true' : 'false'}, delim = ${text(csv.delimiter)}, quote = ${text(csv.qualifier)}, escape = ${text(csv.qualifier)}, nullstr = ${text(csv.nullMarker)}, allow_quoted_nulls = false, all_varchar = true, hive_partitioning = false)`;
}

/**
 * The first {@link LAKE_GRID_ROWS} rows of landed files (absolute local paths), read with an
 * in-memory DuckDB; a CSV column carries the entity's type of that name (the file holds text).
 */
export async function readLandedFiles(extract: Extract, entity: StagingEntity, files: readonly string[], from: string): Promise<DataGrid> {
  const started = performance.now();
  if (!files.length) return { columns: [], rows: [], truncated: false, milliseconds: 0, from };
  const instance = await DuckDBInstance.create(':memory:', { ...DUCKDB_OPTIONS });
  try {
    const connection = await instance.connect();
    try {
      const reader = readerSql(extract, files);
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`);
      const typeOf = new Map(entity.columns.map((c) => [c.name.toLowerCase(), c.type]));
      const columns: GridColumn[] = (described.getRows() as unknown[][]).map(([name, type]) => ({
        name: String(name),
        type: extract.format.kind === 'parquet' ? String(type) : (typeOf.get(String(name).toLowerCase()) ?? 'text'),
      }));
      const rows = (await connection.runAndReadAll(`SELECT * FROM ${reader} LIMIT ${LAKE_GRID_ROWS + 1}`)).getRows() as unknown[][];
      return { columns, rows: gridRows(rows.slice(0, LAKE_GRID_ROWS)), truncated: rows.length > LAKE_GRID_ROWS, milliseconds: Math.round(performance.now() - started), from };
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
