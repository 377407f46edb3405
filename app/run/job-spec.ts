/**
 * From a project file to the engine's job spec: the chosen entities, connections with their
 * secrets resolved and relative paths made absolute (relative to the project file), a batch date
 * and id. Used by `landfall run` and by the app's run launcher; electron-free.
 */
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { ValidationError } from '../../shared/model/index.ts';
import type { JobEntity, JobSpec } from '../../shared/protocol/engine.ts';
import type { ProjectStore } from '../store/project-store.ts';
import type { SecretCipher } from '../store/secret-cipher.ts';
import { checkBatchDate, today } from '../../shared/time.ts';
import { resolveConnection, storeSecrets } from './resolve-connection.ts';

export interface JobOptions {
  /** Entity names (any case); all entities with an extract when absent. */
  readonly entities?: readonly string[] | undefined;
  /** YYYY-MM-DD; today (local time) when absent. */
  readonly batchDate?: string | undefined;
  readonly parallel?: number | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly cipher?: SecretCipher;
  /** Fixed for tests; a new UUID when absent. */
  readonly runId?: string;
  /** Fixed for tests; when absent the engine derives it from the run's start (YYYYMMDDhhmmssfff, UTC). */
  readonly batchId?: string;
}

/** Builds the job spec of a run of `projectFile`, or throws an error the user can act on. */
export function buildJobSpec(store: ProjectStore, projectFile: string, options: JobOptions = {}): JobSpec {
  const validated = store.validate();
  if (!validated.ok) throw new ValidationError(validated.issues);
  const project = validated.value;
  const withExtract = project.entities.filter((e) => project.extracts.some((x) => x.entity.toLowerCase() === e.name.toLowerCase()));
  let chosen = withExtract;
  if (options.entities?.length) {
    chosen = options.entities.map((name) => {
      const entity = project.entities.find((e) => e.name.toLowerCase() === name.toLowerCase());
      if (!entity) throw new Error(`no staging entity is named "${name}"; the project has: ${project.entities.map((e) => e.name).join(', ') || 'none'}`);
      if (!withExtract.includes(entity)) throw new Error(`entity "${entity.name}" has no extract yet: define its extract before running it`);
      return entity;
    });
  }
  if (!chosen.length) throw new Error('the project has no entity with an extract to run');
  const entities: JobEntity[] = chosen.map((entity) => ({
    entity,
    extract: project.extracts.find((x) => x.entity.toLowerCase() === entity.name.toLowerCase())!,
  }));
  const used = new Set(entities.flatMap(({ entity, extract }) => [entity.warehouse, extract.source.connection, extract.lander.connection].map((n) => n.toLowerCase())));
  const base = dirname(resolve(projectFile));
  const connections = project.connections
    .filter((c) => used.has(c.name.toLowerCase()))
    .map((c) => resolveConnection(c, base, storeSecrets(store, c.name, options)));
  const batchDate = checkBatchDate(options.batchDate ?? today());
  const parallel = options.parallel ?? project.batch.parallelEntities;
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 64) throw new Error(`parallel must be a whole number from 1 to 64, not ${parallel}`);
  return {
    runId: options.runId ?? randomUUID(),
    batchDate,
    ...(options.batchId ? { batchId: options.batchId } : {}),
    parallelEntities: parallel,
    parameters: project.parameters,
    connections,
    entities,
  };
}
