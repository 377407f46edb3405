/**
 * `landfall`: the headless command line. It composes the metadata store and (for runs) the
 * engine, which is why it lives in its own entry folder rather than inside engine/.
 * Exit codes: 0 ok, 1 the command failed, 2 the command line was wrong.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { formatIssue, parseProjectJson, ValidationError, type Project } from '../shared/model/index.ts';
import { loadHints } from '../shared/model/load-hints.ts';
import { DIALECTS, type DialectName } from '../shared/sql/index.ts';
import { PLAN_STEPS, type PlanStepName } from '../shared/plan/run-plan.ts';
import { previewPlan } from '../shared/plan/preview-plan.ts';
import { renderPlan } from '../shared/plan/statement-log.ts';
import { batchDateProblem, today } from '../shared/time.ts';
import { parseShard, type Shard } from '../shared/shard.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import { createDemo } from '../app/demo/create-demo.ts';
import { runCommand, type RunIo } from './run-command.ts';
import { buildJobSpec } from '../app/run/job-spec.ts';
import { migrateEntities } from '../engine/migrate-entities.ts';
import { migrateText } from './migrate-text.ts';
import { terminalText } from './terminal-text.ts';
import { CommandFailed, entityLog, lastSuccesses, runPlanText, runShowText, runsListText } from './runs-command.ts';
import { addStateCommands } from './state-command.ts';
import { addScheduleCommands } from './schedule-command.ts';
import { addCompactCommand } from './compact-command.ts';
import { FactUsageError, registerFactCommands } from './fact-commands.ts';
import { demoFactText, factListing, factRunText } from './fact-listing.ts';
import { factPlanText } from '../shared/fact/fact-plan-text.ts';
import { factRunShowText } from './fact-run-text.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CliIo extends RunIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: process.stdout.isTTY === true,
  // By the signal itself (its handlers are gone by then): process.exit would wait for the thread pool.
  end: (signal) => void process.kill(process.pid, signal),
};

/** A command line that is wrong (an option's value): printed as one message, exit 2. */
class UsageError extends Error {}

// Option parsers run while commander reads the line, before any action opens a file.
const positive = (text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--parallel "${text}" must be a whole number from 1 to 64`);
  return n;
};

const batchDate = (text: string): string => {
  const why = batchDateProblem(text);
  if (why !== undefined) throw new UsageError(`--batch-date: ${why}`);
  return text;
};

const shardOption = (text: string): Shard => {
  const shard = parseShard(text);
  if (typeof shard === 'string') throw new UsageError(`--shard ${shard}`);
  return shard;
};

/** Opens the project file, runs `action` on its store and closes it. */
export function withStore<T>(file: string, action: (store: ProjectStore) => T): T {
  const store = ProjectStore.open(file);
  try {
    return action(store);
  } finally {
    store.close();
  }
}

function summary(project: Project): string {
  const { connections, entities, extracts } = project;
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return `${count(connections.length, 'connection', 'connections')}, ${count(entities.length, 'entity', 'entities')}, ${count(extracts.length, 'extract', 'extracts')}`;
}

function listing(project: Project): string {
  const lines = [`Project: ${project.name}`, `Batch: ${project.batch.parallelEntities} entities in parallel`, '', 'Connections:'];
  const width = (items: string[]): number => Math.max(4, ...items.map((item) => item.length));
  const cw = width(project.connections.map((c) => c.name));
  for (const c of project.connections) lines.push(`  ${c.name.padEnd(cw)}  ${c.kind}`);
  if (!project.connections.length) lines.push('  (none)');
  lines.push('', 'Entities:');
  const ew = width(project.entities.map((e) => e.name));
  for (const entity of project.entities) {
    const extract = project.extracts.find((x) => x.entity.toLowerCase() === entity.name.toLowerCase());
    const from = !extract
      ? 'no extract'
      : `${extract.pattern.kind} from ${extract.source.connection}` +
        (extract.source.kind === 'table'
          ? ` ${extract.source.schema ? `${extract.source.schema}.` : ''}${extract.source.table}`
          : extract.source.kind === 'files'
            ? ` files ${extract.source.pattern}`
            : ' query') +
        ` → ${extract.lander.connection} (${extract.format.kind}${extract.compression === 'none' ? '' : `+${extract.compression}`}, ${extract.fileSizeMb} MB files)`;
    lines.push(`  ${entity.name.padEnd(ew)}  ${String(entity.columns.length).padStart(3)} columns  → ${entity.warehouse}  ${from}`);
  }
  if (!project.entities.length) lines.push('  (none)');
  lines.push(...factListing(project));
  return `${lines.join('\n')}\n`;
}

function reportValidation(store: ProjectStore, io: CliIo): boolean {
  const result = store.validate();
  if (result.ok) {
    io.out(`${store.path}: valid (${summary(result.value)})\n`);
    for (const hint of loadHints(result.value)) io.out(`  hint: ${terminalText(hint)}\n`);
    return true;
  }
  io.err(`${store.path}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}\n`);
  for (const issue of result.issues) io.err(`  - ${terminalText(formatIssue(issue))}\n`);
  return false;
}

/** Builds the command tree; each action returns its exit code. */
function program(io: CliIo, setExit: (code: number) => void): Command {
  const cli = new Command('landfall')
    .description('Design and run metadata-driven extract, land and load.')
    .version('0.1.0')
    .showHelpAfterError('(run "landfall --help" for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  cli
    .command('new')
    .description('create a project file (with --demo: a ready-to-run demo beside it)')
    .argument('<file>', 'the project file to create, e.g. sales.landfall')
    .option('--demo', 'add a sample SQLite source, a local lake and a DuckDB warehouse')
    .option('--name <name>', 'the project name (default: the file name)')
    .addOption(new Option('--anchor-date <date>', 'last day of the demo orders (YYYY-MM-DD)').hideHelp())
    .action(async (file: string, options: { demo?: boolean; name?: string; anchorDate?: string }) => {
      const name = options.name ?? (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '');
      const store = options.demo
        ? await createDemo(resolve(file), { name, ...(options.anchorDate ? { anchorDate: options.anchorDate } : {}) })
        : ProjectStore.create(resolve(file), { name });
      try {
        io.out(`created ${file}${options.demo ? ` with the demo (${summary(store.getProject())})` : ''}\n`);
      } finally {
        store.close();
      }
    });

  cli
    .command('validate')
    .description('check every rule of a project file or project JSON document; exit 1 listing each problem')
    .argument('<file>', 'the project file, or a JSON document as `landfall export` writes it')
    .action((file: string) => {
      // A JSON document starts with "{"; a project file is SQLite, which starts with its header.
      const head = existsSync(file) ? readFileSync(file).subarray(0, 64).toString('utf8').trimStart() : '';
      if (head.startsWith('{')) {
        const parsed = parseProjectJson(readFileSync(file, 'utf8'), file);
        if (parsed.ok) {
          io.out(`${file}: valid (${summary(parsed.value)})\n`);
          for (const hint of loadHints(parsed.value)) io.out(`  hint: ${terminalText(hint)}\n`);
        } else {
          io.err(`${file}: ${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}\n`);
          for (const issue of parsed.issues) io.err(`  - ${formatIssue(issue)}\n`);
          setExit(EXIT.failed);
        }
        return;
      }
      if (!withStore(file, (store) => reportValidation(store, io))) setExit(EXIT.failed);
    });

  cli
    .command('export')
    .description('write the project as a stable, diff-friendly JSON document')
    .argument('<file>', 'the project file')
    .option('-o, --output <json>', 'write to this file instead of standard output')
    .action((file: string, options: { output?: string }) => {
      const text = withStore(file, (store) => store.exportDocument());
      if (options.output) {
        writeFileSync(options.output, text);
        io.out(`exported ${file} to ${options.output}\n`);
      } else io.out(text);
    });

  cli
    .command('import')
    .description('create a project file from a JSON document (nothing is written if it is invalid)')
    .argument('<json>', 'the project document')
    .argument('<file>', 'the project file to create')
    .option('--replace', 'replace the design of an existing project file (run history is kept)')
    .action((json: string, file: string, options: { replace?: boolean }) => {
      if (!existsSync(json)) throw new CommandFailed(`no document at ${json}`);
      const parsed = parseProjectJson(readFileSync(json, 'utf8'), json);
      if (!parsed.ok) throw new ValidationError(parsed.issues, `${json} is not a valid project document; nothing was imported`);
      const store = ProjectStore.importDocument(file, parsed.value, { replace: options.replace ?? false });
      try {
        io.out(`imported ${json} into ${file} (${summary(store.getProject())})\n`);
      } finally {
        store.close();
      }
    });

  cli
    .command('list')
    .description('list the connections and entities of a project')
    .argument('<file>', 'the project file')
    .action((file: string) => {
      io.out(withStore(file, (store) => listing(store.getProject())));
    });

  cli
    .command('sql')
    .description('print the run plan of an entity: every step\'s SQL as it will run (or, with --run, as a past run ran it)')
    .argument('<file>', 'the project file')
    .argument('<entity>', 'the staging entity')
    .addOption(new Option('--step <step>', 'only this step').choices([...PLAN_STEPS, 'all']).default('all'))
    .addOption(new Option('--dialect <dialect>', 'show the SQL in another dialect').choices([...DIALECTS]).conflicts('run'))
    .addOption(new Option('--batch-date <date>', 'the batch date (YYYY-MM-DD; default today, local time)').argParser(batchDate).conflicts('run'))
    .addOption(new Option('--saved <column=value...>', 'a saved watermark, to see a later incremental run').conflicts('run'))
    .addOption(new Option('--ct-version <saved,current[,minValid]>', 'change tracking versions, to see a later run').conflicts('run'))
    .option('--run <run-id>', 'render the plan with that run\'s own inputs: the text of its statement log')
    .action((file: string, entity: string, options: { step: PlanStepName | 'all'; dialect?: DialectName; batchDate?: string; saved?: string[]; ctVersion?: string; run?: string }) => {
      const steps = options.step === 'all' ? undefined : [options.step];
      const factText = withStore(file, (store) => (options.run === undefined ? factPlanText(store.getProject(), entity, options.dialect) : factRunText(store, file, options.run, entity)));
      if (factText !== undefined) return void io.out(factText);
      if (options.run !== undefined) {
        const runId = options.run;
        const text = withStore(file, (store) => {
          const run = store.getRun(runId);
          if (!run) throw new CommandFailed(`${file} has no run ${runId}; \`landfall runs ${file}\` lists them`);
          return runPlanText(store.getProject(), run, entityLog(run, store.runLog(runId), entity), steps);
        });
        io.out(text);
        return;
      }
      const batchDate = options.batchDate ?? today();
      const watermarks: Record<string, string> = {};
      for (const pair of options.saved ?? []) {
        const at = pair.indexOf('=');
        if (at < 1) throw new CommandFailed(`--saved "${pair}" must be column=value`);
        watermarks[pair.slice(0, at)] = pair.slice(at + 1);
      }
      const [saved, current, minValid] = (options.ctVersion ?? '').split(',');
      const project = withStore(file, (store) => store.getProject());
      const { plan, samples } = previewPlan(project, entity, {
        batchDate,
        watermarks,
        ...(options.ctVersion ? { changeTracking: { saved: saved || undefined, current: current || saved || '0', minValid: minValid || null } } : {}),
        ...(options.dialect ? { dialect: options.dialect } : {}),
      });
      io.out(renderPlan(plan, { samples, ...(steps ? { steps } : {}) }));
    });

  const runs = cli
    .command('runs')
    .description('the run history of a project: `landfall runs <file>` lists runs, `landfall runs show <file> <run-id>` shows one');
  runs
    .command('list', { isDefault: true })
    .description('list the latest runs, newest first')
    .argument('<file>', 'the project file')
    .option('--limit <n>', 'how many runs (default 20)', (text) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > 500) throw new CommandFailed(`--limit "${text}" must be a whole number from 1 to 500`);
      return n;
    })
    .option('--json', 'print the runs as JSON')
    .action((file: string, options: { limit?: number; json?: boolean }) => {
      if (!existsSync(file)) throw new CommandFailed(`no project file at ${file}`);
      const list = withStore(file, (store) => store.listRuns(options.limit ?? 20));
      io.out(options.json ? `${JSON.stringify(list, null, 2)}\n` : runsListText(list));
    });
  runs
    .command('show')
    .description('one run: its entities, and with --sql the statements each executed')
    .argument('<file>', 'the project file')
    .argument('<run-id>', 'the run (see `landfall runs <file>`)')
    .option('--entity <entity>', 'only this entity')
    .option('--sql', 'print the statement log: every statement as it ran, values as literals')
    .option('--json', 'print the run and its statement log as JSON')
    .action((file: string, runId: string, options: { entity?: string; sql?: boolean; json?: boolean }) => {
      if (!existsSync(file)) throw new CommandFailed(`no project file at ${file}`);
      const text = withStore(file, (store) => {
        const run = store.getRun(runId);
        if (!run) throw new CommandFailed(`${file} has no run ${runId}; \`landfall runs ${file}\` lists them`);
        const factLog = store.factRunLog(runId);
        if (factLog) return options.json ? `${JSON.stringify({ ...run, log: factLog }, null, 2)}\n` : factRunShowText(run, factLog, options.sql ?? false);
        const all = store.runLog(runId);
        const logs = options.entity === undefined ? all : [entityLog(run, all, options.entity)];
        return options.json ? `${JSON.stringify({ ...run, log: logs }, null, 2)}\n` : runShowText(run, logs, { sql: options.sql ?? false, lastSuccess: lastSuccesses(run, store.listRuns(500)) });
      });
      io.out(text);
    });

  addStateCommands(cli, io);
  addScheduleCommands(cli, io);
  addCompactCommand(cli, io, setExit);

  cli
    .command('run')
    .description('run entities: extract, land, load staging and persistent staging; exit 1 if any failed')
    .argument('<file>', 'the project file')
    .option('--entities <names...>', 'run only these entities (default: every entity with an extract)')
    .option('--batch-date <date>', 'the batch date (YYYY-MM-DD; default today, local time)', batchDate)
    .option('--parallel <n>', 'entities run at once (default: the project\'s setting)', positive)
    .option('--shard <K/N>', 'run only share K of N of the entities (by a stable hash of their names), for N runners of one project', shardOption)
    .option('--json', 'print engine events as JSON lines instead of progress')
    .action(async (file: string, options: { entities?: string[]; batchDate?: string; parallel?: number; shard?: Shard; json?: boolean }) => {
      if (!existsSync(file)) throw new CommandFailed(`no project file at ${file}`);
      setExit(await runCommand(file, { entities: options.entities?.flatMap((e) => e.split(',')).filter(Boolean), batchDate: options.batchDate, parallel: options.parallel, shard: options.shard, json: options.json }, io));
    });

  cli
    .command('migrate')
    .description('bring each entity\'s persistent staging to its columns: print the DDL, and run it (in one transaction where the warehouse allows)')
    .argument('<file>', 'the project file')
    .option('--entities <names...>', 'only these entities (default: every entity with an extract)')
    .option('--dry-run', 'print the DDL without running it')
    .action(async (file: string, options: { entities?: string[]; dryRun?: boolean }) => {
      if (!existsSync(file)) throw new CommandFailed(`no project file at ${file}`);
      const spec = withStore(file, (store) => buildJobSpec(store, file, { entities: options.entities?.flatMap((e) => e.split(',')).filter(Boolean) }));
      const results = await migrateEntities(spec, { dryRun: options.dryRun === true, signal: new AbortController().signal });
      io.out(migrateText(results, options.dryRun === true));
      setExit(results.some((r) => r.problems.length) ? EXIT.failed : EXIT.ok);
    });

  cli
    .command('demo')
    .description('create the demo project in a folder if it is not there yet, check it and run it into the local lake and DuckDB warehouse')
    .argument('[dir]', 'the folder for the demo', 'demo')
    .option('--json', 'print engine events as JSON lines')
    .action(async (dir: string, options: { json?: boolean }) => {
      const file = join(dir, 'sales.landfall');
      if (!existsSync(file)) {
        (await createDemo(resolve(file), { name: 'Sales demo' })).close();
        io.out(`created the demo in ${dirname(file)}/\n`);
      }
      const valid = withStore(file, (store) => {
        const ok = reportValidation(store, io);
        io.out(`\n${listing(store.getProject())}\n`);
        return ok;
      });
      if (!valid) return setExit(EXIT.failed);
      const code = await runCommand(file, { json: options.json }, io);
      setExit(code);
      if (code === EXIT.ok && !options.json) io.out(await demoFactText(file));
    });

  registerFactCommands(cli, io, setExit);
  return cli;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await program(io, (next) => (code = next)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help that was asked for is success; help shown because no command was given is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || (error.code === 'commander.help' && error.exitCode === 0)) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof FactUsageError) {
      io.err(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ValidationError) {
      io.err(`error: ${terminalText(error.message)}\n`);
      return EXIT.failed;
    }
    io.err(`error: ${terminalText(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.failed;
  }
}
