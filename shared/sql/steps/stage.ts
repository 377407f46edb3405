/**
 * The stage step: the staging table filled from the landed files. The dialect's stage hook says
 * how (`Dialect.stage`); this file gives it the staging table and renders its items for previews.
 */
import { dialect, insertedRows, type Dialect, type DialectName, type SqlValue } from '../dialect.ts';
import type { BinaryText, LandedFiles, StageStatement, StageTarget } from '../stage-hook.ts';
import { bind, compile, join, preview, sql, type Statement } from '../statement.ts';
import { META, keyIndexStatements, tableName, typedColumns, type TypedColumn } from './columns.ts';
import { stagingHasOperation, type EntitySqlInput, type ExtractMode } from './entity-sql-input.ts';

/** The staging table's columns: the entity's, plus the operation flag when the source sends one. */
function stagingColumns(input: EntitySqlInput, mode: ExtractMode): { columns: TypedColumn[]; operation: boolean } {
  return { columns: typedColumns(input.entity), operation: stagingHasOperation(input, mode) };
}

/** Drops and creates the empty staging table (for loads that fill it by COPY, LOAD DATA, inserts or bulk copy). */
export function createStagingStatements(input: EntitySqlInput, mode: ExtractMode): Statement[] {
  const w = dialect(input.warehouseDialect);
  const { columns, operation } = stagingColumns(input, mode);
  const temp = tableName(input, 'temp');
  const body = [
    ...columns.map((c) => `  ${w.quote(c.name)} ${w.columnType(c.type)} NULL`),
    ...(operation ? [`  ${w.quote(META.operation)} CHAR(1) NOT NULL`] : []),
  ].join(',\n');
  const suffix = w.tableOptions('staging', input.entity.distribution);
  return [
    sql`${w.dropTableIfExists(tableName(input, 'temp', '_delta'))}`,
    sql`${w.dropTableIfExists(temp)}`,
    sql`CREATE ${w.stagingTableWord ? `${w.stagingTableWord} ` : ''}TABLE ${temp} (\n${body}\n)${suffix}`,
    ...keyIndexStatements(input, 'temp', false),
  ];
}

/** A batched INSERT of rows into the staging table (values bound, in column order). */
export function stageInsertStatement(input: EntitySqlInput, mode: ExtractMode, rows: readonly (readonly SqlValue[])[]): Statement {
  const w = dialect(input.warehouseDialect);
  const { columns, operation } = stagingColumns(input, mode);
  const names = [...columns.map((c) => w.quote(c.name)), ...(operation ? [w.quote(META.operation)] : [])];
  const values = rows.map((row) => {
    if (row.length !== names.length) throw new Error(`entity "${input.entity.name}": a staged row has ${row.length} values for ${names.length} columns`);
    return join(row.map(bind), ', ');
  });
  return sql`INSERT INTO ${tableName(input, 'temp')} (${names.join(', ')}) ${insertedRows(w, values)}`;
}


/** The staging table as the dialect's stage hook sees it. */
export function stageTarget(input: EntitySqlInput, mode: ExtractMode): StageTarget {
  const { columns, operation } = stagingColumns(input, mode);
  return {
    entity: input.entity.name,
    table: tableName(input, 'temp'),
    changeSet: tableName(input, 'temp', '_delta'),
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    operation: operation ? META.operation : undefined,
    distribution: input.entity.distribution,
    createEmpty: createStagingStatements(input, mode),
    insert: (rows) => stageInsertStatement(input, mode, rows),
  };
}

/**
 * Fills the staging table from the landed files, the warehouse's way: the statements to run, each
 * plain or fed with one of the files. The run plan calls this for every warehouse.
 */
export function stageStatements(input: EntitySqlInput, mode: ExtractMode, landed: LandedFiles): StageStatement[] {
  return dialect(input.warehouseDialect).stage(stageTarget(input, mode), landed);
}

/** Each stage item as the preview shows it: statements with literals, the rest as a comment. */
export function stagePreview(items: readonly StageStatement[], d: Dialect): string[] {
  return items.map((item) => {
    switch (item.kind) {
      case 'run':
      case 'stream':
        return `${preview(item.statement, d)};`;
      case 'insertRows': {
        const nulls = Array.from({ length: item.width }, (): SqlValue => ({ type: 'null' }));
        return `-- each landed file's rows, in batches:\n${compile(item.insert([nulls]), d).sql};`;
      }
      case 'bulkCopy':
        return '-- the SQL Server lander bulk copies every file into this table';
    }
  });
}

/** How binary values are written as CSV text, for the warehouse that reads the file. */
export function binaryTextFor(warehouse: DialectName): BinaryText {
  return dialect(warehouse).binaryText;
}
