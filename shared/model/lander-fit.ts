/**
 * Which lander can feed which warehouse's load: the one answer validation gives before a run and
 * the run plan gives the engine (a SQL Server warehouse that would find no bulk-copied staging
 * table), so a project that validates never stops at its stage for its lander, nor the reverse.
 */
import { describeKind } from './connection-kinds.ts';
import type { Connection } from './schema.ts';

/**
 * Why `lander` cannot feed the load of `warehouse`, or undefined when it can: a lake kind the
 * warehouse's load reads from, or the warehouse itself where it bulk copies into itself.
 */
export function landerProblem(warehouse: Pick<Connection, 'kind' | 'name'>, lander: Pick<Connection, 'kind' | 'name'>): string | undefined {
  const traits = describeKind(warehouse.kind).warehouse;
  if (!traits) return undefined;
  const fits = traits.landers.includes(lander.kind) || (traits.landsInItself && lander.name.toLowerCase() === warehouse.name.toLowerCase());
  return fits ? undefined : traits.landerProblem(warehouse.kind, warehouse.name, lander.name);
}
