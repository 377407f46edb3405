/**
 * What an entity's progress is measured against (see `ProgressTotal` in the engine protocol): the
 * source's row estimate, read by the plan's estimate step, or the matched files' total size.
 */
import { stat } from 'node:fs/promises';
import type { ProgressTotal } from '../shared/protocol/engine.ts';
import type { PlanStatement, PlanStep } from '../shared/plan/run-plan.ts';
import { dialect } from '../shared/sql/dialect.ts';
import { rowEstimate } from '../shared/sql/steps/row-estimate.ts';
import { compile } from '../shared/sql/statement.ts';
import type { Source } from './source/source.ts';

/** Runs the estimate step's one statement on the source: a rows total, or undefined where the source does not know. */
export async function readRowEstimate(source: Source, step: PlanStep, executing: (step: PlanStep, item: PlanStatement) => void): Promise<ProgressTotal | undefined> {
  const [item] = step.statements;
  if (!item) return undefined;
  executing(step, item);
  const expected = rowEstimate(await source.query(compile(item.statement, dialect(step.dialect!))));
  return expected === undefined ? undefined : { kind: 'rows', expected };
}

/** The total size of the files a files source reads, with none read yet: the reader adds to `read` as it goes. */
export async function filesTotal(files: readonly string[]): Promise<{ kind: 'bytes'; expected: number; read: number }> {
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  return { kind: 'bytes', expected: sizes.reduce((a, b) => a + b, 0), read: 0 };
}
