// Issue 16: validation and the engine decide which lander feeds which warehouse with one function
// (lander-fit.ts). The every-kind fixture once validated a SQL Server warehouse over an adls lander,
// which the run plan then refused at its stage step: now validation refuses the pair with the
// very words the engine stops with, and the fixture lands its SQL Server entity by bulk copy.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planEntity, planStep, planSubject } from '../plan/run-plan.ts';
import { parseProjectJson } from './canonical.ts';
import { landerProblem } from './lander-fit.ts';
import type { Project } from './schema.ts';
import { validateProject } from './validate.ts';

function fixture(): Project {
  const parsed = parseProjectJson(readFileSync(new URL('../../test/fixtures/every-kind.project.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`fixture invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

const INPUTS = { batchDate: '2026-06-30', runId: 'r1', batchId: '1', startedAt: '2026-06-30 01:02:03.000', watermarks: {}, files: [] };

describe('which lander feeds which warehouse', () => {
  it('the every-kind fixture validates, and its SQL Server entity is staged by its own bulk copy', () => {
    const project = fixture();
    const plan = planEntity(planSubject(project, 'region'), INPUTS);
    expect(planStep(plan, 'land')).toMatchObject({ target: 'warehouse', dialect: 'tsql' });
    expect(planStep(plan, 'stage')!.refused).toBeUndefined();
  });

  it('validation refuses a SQL Server warehouse over an adls lake with the message the engine stops with', () => {
    const project = fixture();
    const inLake = { ...project, extracts: project.extracts.map((x) => (x.entity === 'region' ? { ...x, lander: { ...x.lander, connection: 'lake' } } : x)) };
    const refused = planStep(planEntity(planSubject(inLake, 'region'), INPUTS), 'stage')!.refused;
    expect(refused).toBe('entity "region": a sqlserver warehouse stages by the bulk copy of its own lander; files landed in "lake" are not read by it: set the extract\'s lander to the warehouse connection "crm"');
    const validated = validateProject(inLake);
    expect(validated.ok).toBe(false);
    expect(validated.ok ? [] : validated.issues).toEqual([
      { object: 'extract of entity "region"', field: 'lander.connection', message: refused!.replace('entity "region": ', '') },
    ]);
  });

  it('an Azure SQL warehouse is its own lander whatever the case of its name, and nothing else', () => {
    const warehouse = { kind: 'azuresql', name: 'ERP' } as const;
    expect(landerProblem(warehouse, { kind: 'azuresql', name: 'erp' })).toBeUndefined();
    expect(landerProblem(warehouse, { kind: 'adls', name: 'lake' })).toMatch(/^an azuresql warehouse stages by the bulk copy of its own lander; files landed in "lake"/);
    expect(landerProblem(warehouse, { kind: 'localfs', name: 'drop' })).toMatch(/files landed in "drop" are not read by it/);
    expect(landerProblem({ kind: 'synapse', name: 'dw' }, { kind: 'adls', name: 'lake' })).toBeUndefined();
  });
});
