/**
 * The plan of processing a fact (seed 001), step by step, every statement rendered for its
 * dialect: the one source of what `landfall process` runs and what `landfall sql <fact>` and the
 * designer show.
 *
 * - **setup**: the normalization, fact, summary, staging and state tables, if missing.
 * - **entity** (a fact fed by an entity): whether its persistent staging exists yet (it has run).
 * - **newRows**, **pull** (a fact fed by an entity): the entity's new persistent-staging versions
 *   since the last pull, up to the highest batch id read first, into Staging with the new mark,
 *   in one transaction (the seed's Case 1: an extract run by cron feeding the fact).
 * - **state**: the flip-flop's generations: when the last one swapped in was not processed (a
 *   processor stopped after the swap), StageProcess is processed before anything is swapped.
 * - **swap**: StageProcess (processed) is dropped and made again empty, the generation bumped,
 *   and the two tables swapped atomically: inserters never find Staging missing.
 * - **clear** (a poller): what a stopped poller left in its own staging table.
 * - **count**: the rows this pass processes.
 * - **normalize**: per normalization, each in its own autocommit statement: insert only the
 *   missing names (`LEFT JOIN … WHERE id IS NULL`, so no auto-increment id is burned), then the
 *   multi-table update that sets the ids in staging.
 * - **load**: `BEGIN`; upsert each summary from staging; copy staging to the fact; mark the
 *   generation processed (single staging: empty staging); `COMMIT`.
 */
import type { Fact } from '../model/schema.ts';
import { META } from '../sql/steps/columns.ts';
import { dialect, type Dialect, type DialectName } from '../sql/dialect.ts';
import { bind, sql, type Statement } from '../sql/statement.ts';
import { factDialect, type FactDialect } from './fact-dialect.ts';
import { factLayout, type FactLayout, type LayoutColumn } from './fact-layout.ts';

export const FACT_STEPS = ['setup', 'entity', 'newRows', 'pull', 'state', 'swap', 'clear', 'count', 'normalize', 'load'] as const;
export type FactStepName = (typeof FACT_STEPS)[number];

export interface FactStep {
  readonly name: FactStepName;
  readonly dialect: DialectName;
  readonly notes: readonly string[];
  readonly statements: readonly Statement[];
  /** A query whose answer is an input of the plan (`entityTable`, `pullUpTo`, `pending`): the engine runs it, then plans again. */
  readonly probe?: 'entityTable' | 'pullUpTo' | 'pending';
}

export interface FactPlan {
  readonly fact: string;
  readonly dialect: DialectName;
  readonly steps: readonly FactStep[];
}

/** What processing knows when it plans. */
export interface FactInputs {
  /**
   * Whether StageProcess holds a generation not yet processed (read by the state step). Then the
   * plan processes it and swaps nothing. Unknown in a preview: the swap is shown.
   */
  readonly pending?: boolean | undefined;
  /** Poller K's own staging table (single staging, processed in place). */
  readonly poller?: number | undefined;
  /**
   * An entity-fed fact: the highest `lf_batch_id` in the entity's persistent staging, read by the
   * newRows step. The pull takes the versions after the last pulled batch up to it. Unknown in a
   * preview: the bound is shown as the query.
   */
  readonly pullUpTo?: string | undefined;
  /** The thing (file) a poller claimed: marked done in the load's transaction. */
  readonly thing?: string | undefined;
}

/** The base and fact dialects of `name`, or why facts are not generated for it. */
export function factDialects(name: DialectName): { d: Dialect; f: FactDialect } {
  const f = factDialect(name);
  if (!f) throw new Error(`facts are not generated for ${name}: use a MariaDB, PostgreSQL or DuckDB warehouse (SQL Server for preview)`);
  return { d: dialect(name), f };
}

const body = (columns: readonly LayoutColumn[], extra: readonly string[] = []): string =>
  [...columns.map((c) => `  ${c.quoted} ${c.type}${c.nullable ? '' : ' NOT NULL'}${c.default === undefined ? '' : ` DEFAULT ${c.default}`}`), ...extra.map((e) => `  ${e}`)].join(',\n');

/** The combined value of a measure on a key conflict, NULLs kept as GROUP BY over the fact keeps them. */
function combine(fn: FactLayout['summaries'][number]['measures'][number]['function']): (existing: string, incoming: string) => string {
  switch (fn) {
    case 'count':
      return (t, e) => `${t} + ${e}`;
    case 'sum':
      return (t, e) => `CASE WHEN ${t} IS NULL THEN ${e} WHEN ${e} IS NULL THEN ${t} ELSE ${t} + ${e} END`;
    case 'min':
      return (t, e) => `CASE WHEN ${t} IS NULL OR ${e} < ${t} THEN ${e} ELSE ${t} END`;
    case 'max':
      return (t, e) => `CASE WHEN ${t} IS NULL OR ${e} > ${t} THEN ${e} ELSE ${t} END`;
  }
}

/** The CREATE TABLE of the staging table named `table` (the staging engine applies). */
function createStaging(fact: Fact, layout: FactLayout, f: FactDialect, table: string): string {
  return f.createStaging(table, body(layout.stagingColumns), fact.staging.engine);
}

/** The tables processing needs, created if missing. */
export function setupStatements(fact: Fact, layout: FactLayout, d: Dialect, f: FactDialect, poller: number | undefined): Statement[] {
  const flipFlop = fact.staging.mode === 'flipFlop' && poller === undefined;
  const state = flipFlop || (fact.source.kind === 'entity' && poller === undefined);
  const text: string[] = [
    ...(layout.stagingSchema === undefined ? [] : [f.createSchema(layout.stagingSchema)]),
    ...layout.normalizations.flatMap((n) => f.normalizationTable(n)),
    d.createTableIfMissing(layout.fact, body(layout.factColumns, layout.idChecks)),
    ...layout.summaries.map((s) => d.createTableIfMissing(s.table, body(s.columns, [`PRIMARY KEY (${s.keys.join(', ')})`]))),
    createStaging(fact, layout, f, layout.staging),
    ...(flipFlop ? [createStaging(fact, layout, f, layout.process)] : []),
    ...(state ? [d.createTableIfMissing(layout.state, '  id INTEGER NOT NULL PRIMARY KEY,\n  generation BIGINT NOT NULL,\n  processed BIGINT NOT NULL,\n  pulled BIGINT NOT NULL')] : []),
    ...(poller === undefined ? [] : [d.createTableIfMissing(layout.things, `  thing ${d.columnType({ kind: 'string', length: 400 })} NOT NULL PRIMARY KEY,\n  done INTEGER NOT NULL`)]),
  ];
  const statements = text.map((t) => sql`${t}`);
  if (state) statements.push(f.insertIgnore(layout.state, ['id', 'generation', 'processed', 'pulled'], sql`VALUES (1, 0, 0, 0)`));
  return statements;
}

/** Per normalization: the missing names (no id burned), then their ids into `staging`. */
export function normalizeStatements(layout: FactLayout, f: FactDialect, staging: string): Statement[] {
  return layout.normalizations.flatMap((n) => [
    f.insertMissing(n, sql`SELECT DISTINCT s.${n.name}\nFROM ${staging} AS s\nLEFT JOIN ${n.table} AS n ON n.${n.name} = s.${n.name}\nWHERE n.${n.id} IS NULL`),
    f.setIds(staging, n.table, n.id, n.name),
  ]);
}

/** The summaries' upserts from `staging`. */
export function summaryStatements(layout: FactLayout, f: FactDialect, staging: string): Statement[] {
  return layout.summaries.map((s) => {
    const select = sql`SELECT ${[...s.groupExpressions, ...s.measures.map((m) => m.aggregate)].join(', ')}\nFROM ${staging}\nGROUP BY ${s.groupExpressions.join(', ')}`;
    return f.upsert(s.table, s.columns.map((c) => c.quoted), s.keys, select, s.measures.map((m) => ({ column: m.column, combine: combine(m.function) })));
  });
}

/** Staging's rows into the fact, ids in place of names. */
export function copyStatement(layout: FactLayout, staging: string): Statement {
  const columns = layout.factColumns.map((c) => c.quoted).join(', ');
  return sql`INSERT INTO ${layout.fact} (${columns})\nSELECT ${columns}\nFROM ${staging}`;
}

/** The pollers' statements on the claims table: register a thing, list the pending ones, read one's state. */
export function thingStatements(fact: Fact, name: DialectName): { register: (thing: string) => Statement; pending: Statement; done: (thing: string) => Statement } {
  const { d, f } = factDialects(name);
  const { things } = factLayout(fact, d, f, 0);
  const text = (value: string): Statement => bind({ type: 'text', value });
  return {
    register: (thing) => f.insertIgnore(things, ['thing', 'done'], sql`VALUES (${text(thing)}, 0)`),
    pending: sql`SELECT thing FROM ${things} WHERE done = 0 ORDER BY thing`,
    done: (thing) => sql`SELECT done FROM ${things} WHERE thing = ${text(thing)}`,
  };
}

/** The plan of one processing pass of `fact` on a warehouse of dialect `name`. */
export function factPlan(fact: Fact, name: DialectName, inputs: FactInputs = {}): FactPlan {
  const { d, f } = factDialects(name);
  const layout = factLayout(fact, d, f, inputs.poller);
  const flipFlop = fact.staging.mode === 'flipFlop' && inputs.poller === undefined;
  const read = flipFlop ? layout.process : layout.staging;
  const step = (stepName: FactStepName, notes: string[], statements: Statement[], probe?: FactStep['probe']): FactStep => ({ name: stepName, dialect: name, notes, statements, ...(probe ? { probe } : {}) });
  const steps: FactStep[] = [step('setup', ['the fact\'s tables, created if missing'], setupStatements(fact, layout, d, f, inputs.poller))];
  if (fact.source.kind === 'entity' && inputs.poller === undefined) {
    const psg = d.table('psg', fact.source.entity);
    const batch = d.quote(META.batchId);
    const one = bind({ type: 'integer', value: 1n });
    steps.push(step('entity', ['whether the entity\'s persistent staging exists yet: before the entity\'s first run there is nothing to pull'], [d.tableExists('psg', fact.source.entity)], 'entityTable'));
    steps.push(step('newRows', ['the highest batch in the entity\'s persistent staging, as text (batch ids pass 2^53): the pull takes the versions up to it'], [sql`SELECT ${d.watermarkText(`MAX(${batch})`, { kind: 'bigint' })} FROM ${psg}`], 'pullUpTo'));
    const upTo = inputs.pullUpTo === undefined ? sql`(SELECT MAX(${batch}) FROM ${psg})` : bind({ type: 'integer', value: BigInt(inputs.pullUpTo) });
    const columns = fact.columns.map((c) => d.quote(c.name)).join(', ');
    steps.push(step('pull', ['the entity\'s versions since the last pull (deletions left out), with the new mark in one transaction'], [
      sql`${d.beginTransaction}`,
      sql`INSERT INTO ${layout.staging} (${columns})\nSELECT ${columns}\nFROM ${psg}\nWHERE ${batch} > (SELECT pulled FROM ${layout.state} WHERE id = ${one}) AND ${batch} <= ${upTo} AND ${d.quote(META.isDeleted)} = ${d.false}`,
      sql`UPDATE ${layout.state} SET pulled = ${upTo} WHERE id = ${one}`,
      sql`${d.commit}`,
    ]));
  }
  if (flipFlop) {
    steps.push(step('state', ['a generation swapped in but not processed is processed first, and nothing is swapped'], [sql`SELECT generation, processed FROM ${layout.state} WHERE id = ${bind({ type: 'integer', value: 1n })}`], 'pending'));
    if (inputs.pending !== true) {
      const bump = sql`UPDATE ${layout.state} SET generation = generation + 1 WHERE id = ${bind({ type: 'integer', value: 1n })}`;
      const swap = f.swap({ staging: layout.staging, process: layout.process, processBare: layout.processBare, stagingBare: layout.stagingBare, spare: layout.spare, createStaging: createStaging(fact, layout, f, f.ddlCommits ? layout.process : layout.staging), bump });
      const statements = swap.statements.map((s) => (typeof s === 'string' ? sql`${s}` : s));
      steps.push(step('swap', [swap.transaction ? 'one transaction: inserters wait, then write into the new staging table' : 'RENAME TABLE swaps both names at once: inserters wait on it, then write into the new staging table'],
        swap.transaction ? [sql`${d.beginTransaction}`, ...statements, sql`${d.commit}`] : statements));
    }
  }
  if (inputs.poller !== undefined) steps.push(step('clear', ['rows a stopped poller left in its own staging table: its thing was not marked done, so it is read again'], [sql`DELETE FROM ${layout.staging}`]));
  steps.push(step('count', ['the rows this pass processes'], [sql`SELECT COUNT(*) FROM ${read}`]));
  steps.push(step('normalize', ['each statement in its own autocommit transaction, outside the load\'s'], normalizeStatements(layout, f, read)));
  const done = flipFlop
    ? sql`UPDATE ${layout.state} SET processed = generation WHERE id = ${bind({ type: 'integer', value: 1n })}`
    : sql`DELETE FROM ${read}`;
  const thing = inputs.thing === undefined ? [] : [sql`UPDATE ${layout.things} SET done = 1 WHERE thing = ${bind({ type: 'text', value: inputs.thing })}`];
  steps.push(step('load', ['summaries and the copy to the fact commit together, with the mark that these rows are done'],
    [sql`${d.beginTransaction}`, ...summaryStatements(layout, f, read), copyStatement(layout, read), done, ...thing, sql`${d.commit}`]));
  return { fact: fact.name, dialect: name, steps };
}
