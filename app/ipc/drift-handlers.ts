/**
 * The designer's schema drift review: when a run stops on a drift, the run panel asks what the
 * source looks like now (`drift:review`) and offers to bring the entity to it or to switch its
 * policy (`drift:apply`). The source is read again by the handler each time — never taken from the
 * page — with the comparison the run's drift step makes, the new columns typed as the `evolve`
 * policy types them, and the migration of persistent staging planned by `landfall migrate`'s own
 * function (a dry run: the next run's migrate step executes those statements).
 */
import type { DriftReview, RequestResult, SaveResult, ValidArg } from '../../shared/ipc/contract.ts';
import type { StagingEntity } from '../../shared/model/schema.ts';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import { planSubject, sqlInput } from '../../shared/plan/run-plan.ts';
import { dialect } from '../../shared/sql/dialect.ts';
import { lower } from '../../shared/sql/steps/columns.ts';
import { mappedColumn, sourceDrift } from '../../shared/sql/steps/source-drift.ts';
import { migrateEntities } from '../../engine/migrate-entities.ts';
import { isSqlConnection, readTable } from '../catalog/source-catalog.ts';
import { evolveEntities } from '../run/evolve-entities.ts';

/** The channels these handlers answer. */
export type DriftChannel = 'drift:review' | 'drift:apply';

/** What the drift handlers need of the app's handlers. */
export interface DriftContext {
  /** The job spec of one saved entity of the open project, its connections resolved with the app's secrets. */
  readonly specOf: (entityName: string) => JobSpec;
  /** Saves the entity in the open project and announces the change. */
  readonly save: (entity: StagingEntity) => SaveResult<StagingEntity>;
}

/** A review, and the entity it proposes. */
interface Proposal {
  readonly review: DriftReview;
  readonly entity: StagingEntity;
}

async function propose(spec: JobSpec): Promise<Proposal> {
  const [job] = spec.entities;
  if (!job) throw new Error('the entity has no extract: there is no source to compare it with');
  const { entity, extract } = job;
  const source = extract.source;
  if (source.kind !== 'table') throw new Error(`entity "${entity.name}" reads a ${source.kind === 'query' ? 'query' : 'set of files'}: schema drift is checked for a source table or view only`);
  const connection = spec.connections.find((c) => lower(c.name) === lower(source.connection));
  if (!connection || !isSqlConnection(connection)) throw new Error(`entity "${entity.name}": source connection "${source.connection}" is not a database connection`);
  const subject = planSubject({ entities: [entity], extracts: [extract], connections: spec.connections, parameters: spec.parameters }, entity.name);
  const input = sqlInput(subject);
  const found = await readTable(connection, { schema: source.schema, name: source.table });
  const drift = sourceDrift(input, found.columns.map((c) => c.name));

  // New source columns typed as the `evolve` policy types them before a run; its widened types are
  // left out: the drift step compares names, and a catalog type wider than the declared one (SQLite
  // declares few) is no difference the run stops on.
  const { evolved } = await evolveEntities({ ...spec, entities: [{ ...job, entity: { ...entity, schemaDrift: 'evolve' } }] });
  const known = new Set(entity.columns.map((c) => lower(c.name)));
  const added = (evolved[0]?.entity.columns ?? []).filter((c) => !known.has(lower(c.name)));
  const changes = added.map((c) => `column "${c.name}" (${c.type}, nullable) added to the entity: new in the source`);
  const problems: string[] = [];
  // A column whose source column is gone leaves the entity (persistent staging keeps it as history),
  // unless it is mapped (the mapping says where it comes from) or part of the business key.
  const present = new Set(found.columns.map((c) => lower(c.name)));
  const d = dialect(input.sourceDialect!);
  const gone = new Set<string>();
  for (const column of entity.columns) {
    const mapping = extract.mappings.find((m) => lower(m.column) === lower(column.name));
    const read = mapping ? mappedColumn(mapping.expression, d) : column.name;
    if (read === undefined || present.has(lower(read))) continue;
    if (mapping) problems.push(`entity column "${column.name}" is mapped to source column "${read}", which is gone: map it to another expression in the extract`);
    else if (entity.businessKey.some((k) => lower(k) === lower(column.name))) problems.push(`column "${column.name}" is part of the business key and gone from the source: a key cannot be removed from existing history; restore it at the source, or load the entity under a new name`);
    else {
      gone.add(lower(column.name));
      changes.push(`column "${column.name}" removed from the entity: gone from the source`);
    }
  }
  const proposed: StagingEntity = { ...entity, columns: [...entity.columns.filter((c) => !gone.has(lower(c.name))), ...added] };

  const [migration] = await migrateEntities({ ...spec, entities: [{ ...job, entity: proposed }] }, { dryRun: true, signal: new AbortController().signal });
  return {
    entity: proposed,
    review: {
      entity: entity.name,
      policy: entity.schemaDrift ?? 'warn',
      source: `connection "${connection.name}", ${source.schema ? `${source.schema}.` : ''}${source.table}`,
      breaking: drift.breaking,
      added: drift.added,
      entityChanges: changes,
      problems: [...problems, ...(migration?.problems ?? [])],
      statements: migration?.statements ?? [],
      note: migration?.note ?? '',
    },
  };
}

/** Creates the handlers of {@link DriftChannel}. */
export function createDriftHandlers(context: DriftContext): { [C in DriftChannel]: (arg: ValidArg<C>) => Promise<RequestResult<C>> } {
  return {
    async 'drift:review'({ entityName }) {
      return (await propose(context.specOf(entityName))).review;
    },

    async 'drift:apply'({ entityName, change }) {
      const spec = context.specOf(entityName);
      const object = `entity "${entityName}"`;
      if (change.kind === 'policy') {
        const [job] = spec.entities;
        if (!job) throw new Error(`${object} has no extract: its schema drift policy does nothing`);
        return context.save({ ...job.entity, schemaDrift: change.policy });
      }
      const { review, entity } = await propose(spec);
      if (review.problems.length) return { ok: false, issues: review.problems.map((message) => ({ object, field: 'columns', message })) };
      if (!review.entityChanges.length) return { ok: false, issues: [{ object, field: 'columns', message: 'already reads every column of its source: nothing to apply' }] };
      return context.save(entity);
    },
  };
}
