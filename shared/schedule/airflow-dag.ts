/**
 * `landfall schedule airflow`: an Airflow DAG file for a project — one task per entity running
 * `landfall run <project> --entities <entity>`, all in one pool whose slots are the project's
 * parallel entities, retried with exponential backoff, on the project's cron schedule, no catchup,
 * one DAG run at a time, the batch date from the run's data interval; and one task per fact running
 * `landfall process <project> <fact>` once, downstream of the task of the entity that feeds it.
 *
 * Written against Airflow's own source: `DAG(dag_id, description, schedule, start_date, catchup,
 * max_active_runs, default_args, tags)` (task-sdk `airflow/sdk/definitions/dag.py`; `airflow.DAG` in
 * Airflow 2), `BashOperator(bash_command=…)` (providers/standard `operators/bash.py`; exit 0 succeeds,
 * 99 skips, others fail), the operator arguments `pool`, `retries`, `retry_delay`,
 * `retry_exponential_backoff`, `max_retry_delay`, and the `ds` template filter applied to the
 * `data_interval_start` template variable, and `>>` setting a task downstream of another
 * (`BaseOperator.__rshift__`).
 */
import type { Project } from '../model/schema.ts';
import { compactedEntities } from './compacted-entities.ts';
import { scheduledFacts } from './fact-upstream.ts';

export interface AirflowOptions {
  /** The project file as the Airflow workers reach it (absolute). */
  readonly projectPath: string;
  /** The cron expression; the project's `batch.schedule` when absent. */
  readonly schedule?: string | undefined;
  /** YYYY-MM-DD: the DAG's start_date. */
  readonly startDate: string;
  /** The command that runs Landfall on the workers. */
  readonly landfall: string;
  /** `module.Class` of an operator taking `bash_command` like BashOperator; BashOperator when absent. */
  readonly operator?: string | undefined;
  readonly retries: number;
  readonly retryDelayMinutes: number;
  /** A compaction task (`landfall compact <project> --entities <e>`) after each entity task whose files land in a lake. */
  readonly compact?: boolean | undefined;
}

/** A Python string literal (JSON's escapes are Python's for every character). */
const py = (text: string): string => JSON.stringify(text);

/** An identifier-safe DAG or task id part: ASCII letters, digits, `_`, `-` and `.` (Airflow's rule for keys). */
export function airflowKey(name: string): string {
  const key = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');
  return key || 'x';
}

/** The names of the entities with an extract: the ones `landfall run` runs. */
export function scheduledEntities(project: Project): string[] {
  return project.entities.filter((e) => project.extracts.some((x) => x.entity.toLowerCase() === e.name.toLowerCase())).map((e) => e.name);
}

/** Task ids per entity (`entity_…`), fact (`fact_…`) or compaction (`compact_…`), made unique where two names map to the same key. */
function taskIds(prefix: 'entity' | 'fact' | 'compact', names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    const base = `${prefix}_${airflowKey(name)}`;
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${base}_${n}`;
    used.add(id.toLowerCase());
    ids.set(name, id);
  }
  return ids;
}

/** The DAG file's text. Throws when the project has no schedule and none is given. */
export function airflowDag(project: Project, options: AirflowOptions): string {
  const schedule = options.schedule ?? project.batch.schedule;
  if (!schedule) throw new Error(`project "${project.name}" has no schedule: set batch.schedule (a cron expression such as "0 2 * * *") or pass --schedule`);
  const entities = scheduledEntities(project);
  const facts = scheduledFacts(project, entities);
  if (!entities.length && !facts.length) throw new Error(`project "${project.name}" has no entity with an extract and no fact to schedule`);
  const dagId = `landfall_${airflowKey(project.name)}`;
  const [year, month, day] = options.startDate.split('-').map(Number) as [number, number, number];
  const operator = options.operator ?? 'airflow.providers.standard.operators.bash.BashOperator';
  const dot = operator.lastIndexOf('.');
  if (dot < 1 || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(operator)) throw new Error(`--operator "${operator}" must be module.Class, such as airflow.providers.standard.operators.bash.BashOperator`);
  const [module, klass] = [operator.slice(0, dot), operator.slice(dot + 1)];
  const imports = options.operator
    ? [`from ${module} import ${klass} as Operator`]
    : [
        'try:  # Airflow 3',
        '    from airflow.providers.standard.operators.bash import BashOperator as Operator',
        'except ImportError:  # Airflow 2',
        '    from airflow.operators.bash import BashOperator as Operator',
      ];
  const ids = taskIds('entity', entities);
  const factIds = taskIds('fact', facts.map((f) => f.name));
  const compacted = options.compact ? compactedEntities(project, entities) : [];
  const compactIds = taskIds('compact', compacted);
  // Python names, by position, of the entity tasks a fact or compaction waits for (task ids may be keywords).
  const feeding = new Set([...facts.map((f) => f.after), ...compacted]);
  const entityVar = new Map(entities.map((name, i) => [name, `entity_${i + 1}`]));
  const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const lines = [
    `# Airflow DAG of the Landfall project ${py(project.name)}, written by \`landfall schedule airflow\`.`,
    '# Generate it again after changing the project rather than editing it.',
    `# The pool caps the entities running at once; create it once: airflow pools set ${py(dagId)} ${project.batch.parallelEntities} ${py(`Landfall ${project.name}`)}`,
    'from datetime import datetime, timedelta',
    'import shlex',
    '',
    'try:  # Airflow 3',
    '    from airflow.sdk import DAG',
    'except ImportError:  # Airflow 2',
    '    from airflow import DAG',
    ...imports,
    '',
    `LANDFALL = ${py(options.landfall)}`,
    `PROJECT = ${py(options.projectPath)}`,
    `POOL = ${py(dagId)}`,
    '# The batch date is the first day of the run\'s data interval.',
    'BATCH_DATE = "{{ data_interval_start | ds }}"',
    '',
    '',
    'def literal(text):',
    '    """Text that Airflow\'s templating leaves as it is: each brace rendered from a string."""',
    '    return "".join("{{ %r }}" % c if c in "{}" else c for c in text)',
    '',
    '',
    'def landfall_run(entity):',
    '    """The command of one entity\'s task, every argument quoted for the shell."""',
    '    words = shlex.split(LANDFALL) + ["run", PROJECT, "--entities", entity]',
    '    return literal(" ".join(shlex.quote(w) for w in words)) + " --batch-date " + BATCH_DATE',
    '',
    '',
    ...(facts.length
      ? [
          'def landfall_process(fact, *options):',
          '    """The command of one fact\'s task: one processing pass (no --every), every argument quoted for the shell."""',
          '    words = shlex.split(LANDFALL) + ["process", PROJECT, fact, *options]',
          '    return literal(" ".join(shlex.quote(w) for w in words))',
          '',
          '',
        ]
      : []),
    ...(compacted.length
      ? [
          'def landfall_compact(entity):',
          '    """The command of one entity\'s compaction task, after its run: its small files merged (no batch date)."""',
          '    words = shlex.split(LANDFALL) + ["compact", PROJECT, "--entities", entity]',
          '    return literal(" ".join(shlex.quote(w) for w in words))',
          '',
          '',
        ]
      : []),
    'default_args = {',
    '    "pool": POOL,',
    `    "retries": ${options.retries},`,
    `    "retry_delay": timedelta(minutes=${options.retryDelayMinutes}),`,
    '    "retry_exponential_backoff": True,',
    '    "max_retry_delay": timedelta(hours=1),',
    '}',
    '',
    'with DAG(',
    `    dag_id=${py(dagId)},`,
    `    description=${py(`Landfall project ${project.name}: ${counted(entities.length, 'entity', 'entities')}${facts.length ? `, ${counted(facts.length, 'fact', 'facts')}` : ''}${compacted.length ? `, ${counted(compacted.length, 'compaction', 'compactions')}` : ''}`)},`,
    `    schedule=${py(schedule)},`,
    `    start_date=datetime(${year}, ${month}, ${day}),`,
    '    catchup=False,',
    '    max_active_runs=1,',
    '    default_args=default_args,',
    '    tags=["landfall"],',
    ') as dag:',
    ...entities.map((name) => `    ${feeding.has(name) ? `${entityVar.get(name)!} = ` : ''}Operator(task_id=${py(ids.get(name)!)}, bash_command=landfall_run(${py(name)}))`),
    ...facts.map((fact) => {
      const task = `Operator(task_id=${py(factIds.get(fact.name)!)}, bash_command=landfall_process(${[fact.name, ...fact.options].map(py).join(', ')}))`;
      // A fact fed by an entity pulls the versions that entity's run loaded: it waits for the run.
      return fact.after === undefined ? `    ${task}` : `    ${entityVar.get(fact.after)!} >> ${task}`;
    }),
    // Compaction merges the files the entity's run landed, under its run lock: it waits for the run.
    ...compacted.map((name) => `    ${entityVar.get(name)!} >> Operator(task_id=${py(compactIds.get(name)!)}, bash_command=landfall_compact(${py(name)}))`),
    '',
  ];
  return lines.join('\n');
}
