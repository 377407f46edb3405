/**
 * `landfall migrate`: persistent staging of each entity brought to the entity's columns outside a
 * run, with the very statements a run's migrate step would execute. Under the entities' run locks,
 * so no run loads them meanwhile; in one transaction where the warehouse's DDL is transactional.
 */
import type { JobSpec } from '../shared/protocol/engine.ts';
import { planSubject, sqlInput } from '../shared/plan/run-plan.ts';
import { dialect } from '../shared/sql/dialect.ts';
import { migration, modelReadStatements, recordModelStatements, warehouseModel } from '../shared/sql/steps/migrate.ts';
import { describeChange } from '../shared/sql/steps/model-changes.ts';
import { preview, sql, type Statement } from '../shared/sql/statement.ts';
import { openWarehouse, warehouseExists } from './connections.ts';
import { batchTimeOf } from './run-batch.ts';
import { acquireRunLock } from './run-lock.ts';

export interface EntityMigration {
  readonly entity: string;
  /** What changes, one sentence per column. */
  readonly changes: readonly string[];
  /** Why the entity cannot be migrated (then nothing of it runs). */
  readonly problems: readonly string[];
  /** The statements, as they run (values inlined), transaction control included. */
  readonly statements: readonly string[];
  /** Whether the statements ran (not a dry run, no problem, something to change). */
  readonly applied: boolean;
  /** How the warehouse commits them. */
  readonly note: string;
}

/** Migrates (or with `dryRun` only plans) each entity of the spec; never throws for an entity's problem. */
export async function migrateEntities(spec: JobSpec, options: { readonly dryRun: boolean; readonly signal: AbortSignal }): Promise<EntityMigration[]> {
  const out: EntityMigration[] = [];
  for (const job of spec.entities) {
    const subject = planSubject({ entities: [job.entity], extracts: [job.extract], connections: spec.connections, parameters: spec.parameters }, job.entity.name);
    const input = sqlInput(subject);
    const w = dialect(input.warehouseDialect);
    const note = w.transactionalDdl
      ? 'runs in one transaction: all of it or none'
      : `${subject.warehouse.kind} commits every ALTER TABLE at once: the statements run one by one, and one that fails leaves those before it applied`;
    if (!(await warehouseExists(subject.warehouse))) {
      out.push({ entity: job.entity.name, changes: [], problems: [], statements: [], applied: false, note: 'the warehouse does not exist yet: the first run creates persistent staging' });
      continue;
    }
    const lock = options.dryRun ? undefined : await acquireRunLock(spec.runId, [{ warehouse: subject.warehouse, entities: [job.entity.name] }], { signal: options.signal, onRetry: () => undefined });
    const wh = await openWarehouse(subject.warehouse);
    try {
      const [columnsRead, modelExists, recordedRead] = modelReadStatements(input);
      const columns = await wh.query(columnsRead!);
      const recorded = columns.length > 0 && (await wh.query(modelExists!)).length > 0 ? await wh.query(recordedRead!) : undefined;
      const planned = migration(input, warehouseModel(columns, recorded));
      const changed = planned.statements.length > 0 || planned.changes.length > 0;
      // The record of the entity's column types moves with the DDL, so the next run compares with what the table now holds.
      const body: Statement[] = changed && recorded !== undefined ? [...planned.statements, ...recordModelStatements(input, { batchTime: batchTimeOf(new Date()) })] : [...planned.statements];
      const statements: Statement[] = body.length && w.transactionalDdl ? [sql`${w.beginTransaction}`, ...body, sql`${w.commit}`] : body;
      const text = statements.map((s) => preview(s, w));
      const applied = !options.dryRun && planned.problems.length === 0 && body.length > 0;
      if (applied) {
        try {
          for (const statement of statements) await wh.run(statement);
        } catch (error) {
          if (w.transactionalDdl) await wh.run(sql`${w.rollback}`).catch(() => undefined);
          throw error;
        }
      }
      out.push({ entity: job.entity.name, changes: planned.changes.map(describeChange), problems: planned.problems, statements: text, applied, note });
    } finally {
      await wh.close();
      await lock?.release();
    }
  }
  return out;
}
