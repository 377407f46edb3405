/**
 * The plan a preview shows (`landfall sql`, the designer's SQL tabs): the entity's run plan with
 * sample inputs where a run would read or make its own, each marked as a sample.
 */
import { partitionPattern } from '../model/lake-layout.ts';
import type { Project } from '../model/schema.ts';
import { loadMetrics } from '../run-metrics.ts';
import type { DialectName } from '../sql/dialect.ts';
import { readsInParallel, samplePartitions } from '../sql/steps/partition.ts';
import { landedExtension, latestFolder, planEntity, planSubject, sqlInput, type EntityPlan, type PlanSubject, type RunInputs, type SampleInputs } from './run-plan.ts';

export interface PreviewInputs {
  /** YYYY-MM-DD: the batch date the preview shows. */
  readonly batchDate: string;
  /** Saved watermarks by change column, to show a later incremental run (`landfall sql --saved`). */
  readonly watermarks?: Readonly<Record<string, string>> | undefined;
  /** Change tracking versions, to show a later change tracking run (`--ct-version`). */
  readonly changeTracking?: RunInputs['changeTracking'];
  /** Show the SQL in another dialect than the connections speak. */
  readonly dialect?: DialectName | undefined;
}

export interface PreviewPlan {
  readonly plan: EntityPlan;
  readonly samples: SampleInputs;
}

/** A sample landed file: the name the first file of a run gets, in the entity's `Latest` folder. */
function sampleFile(subject: PlanSubject): string {
  const name = `${subject.entity.name}_000000000001${landedExtension(subject.extract)}`;
  const partition = subject.extract.layout?.partition;
  const folder = `${latestFolder(subject.extract)}${partition ? `/${partitionPattern(partition)}` : ''}`;
  return 'path' in subject.lander ? `${subject.lander.path.replace(/\/+$/, '')}/${folder}/${name}` : `${folder}/${name}`;
}

/**
 * The inputs of a preview: the batch date as given; run id, batch id, start time and files as
 * samples (the start at midnight of the batch date, so the text stays put while a modeller types);
 * saved state as given, none when absent — a first run; a parallel extract's snapshot and bounds as
 * samples.
 */
export function previewInputs(subject: PlanSubject, options: PreviewInputs): { inputs: RunInputs; samples: SampleInputs } {
  const startedAt = `${options.batchDate} 00:00:00.000`;
  const samples = new Set<keyof RunInputs>(['runId', 'batchId', 'startedAt', 'files', 'metrics']);
  const inputs: RunInputs = {
    batchDate: options.batchDate,
    runId: 'preview',
    batchId: startedAt.replace(/\D/g, ''),
    startedAt,
    watermarks: { ...options.watermarks },
    ...(subject.extract.pattern.kind === 'changeTracking' ? { changeTracking: options.changeTracking ?? { saved: undefined, current: '0', minValid: null } } : {}),
    files: [sampleFile(subject)],
    // The metrics rows a run writes in its load transaction, with the figures of one empty file.
    metrics: loadMetrics([{ rows: 0, bytes: 0 }], 0, subject.extract.fileSizeMb, { extract: 0, land: 0, stage: 0, changeSet: 0, persist: 0 }),
    runRow: true,
  };
  if (subject.extract.pattern.kind === 'changeTracking' && !options.changeTracking) samples.add('changeTracking');
  // A parallel extract's ranges follow from a snapshot and bounds only a run reads: samples show their shape.
  const input = sqlInput(subject);
  if (!subject.dialect && readsInParallel(input) && subject.extract.pattern.kind !== 'changeTracking') {
    samples.add('partitions');
    return { inputs: { ...inputs, partitions: samplePartitions(input) }, samples };
  }
  return { inputs, samples };
}

/** The preview plan of one entity of a project. */
export function previewPlan(project: Project, entityName: string, options: PreviewInputs): PreviewPlan {
  const subject = planSubject(project, entityName, options.dialect);
  const { inputs, samples } = previewInputs(subject, options);
  return { plan: planEntity(subject, inputs), samples };
}
