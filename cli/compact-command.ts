/** `landfall compact`: merge each entity's small landed files into files of about a target size. */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { buildJobSpec } from '../app/run/job-spec.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import { compactEntities, type EntityCompaction } from '../engine/compact.ts';
import { CommandFailed } from './runs-command.ts';
import { terminalText } from './terminal-text.ts';

interface Io {
  out(text: string): void;
}

const megabytes = (text: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0.0625 || n > 100_000) throw new CommandFailed(`--target-mb "${text}" must be a number of MB from 0.0625 to 100000`);
  return n;
};

/** What `landfall compact` prints: per entity and set, which files merge into which, and the counts. */
export function compactText(results: readonly EntityCompaction[], dryRun: boolean): string {
  const blocks = results.map((r) => {
    const lines = [`entity "${terminalText(r.entity, { oneLine: true })}":`];
    if (r.error !== undefined) lines.push(`  ${terminalText(r.error)}`);
    else if (!r.sets.length) lines.push('  nothing to merge');
    for (const set of r.sets) {
      lines.push(`  ${set.folder}: ${set.filesBefore} files → ${set.filesAfter}${dryRun ? ' (dry run: nothing changed)' : ''}`);
      for (const merge of set.merges) lines.push(`    ${merge.into} ← ${merge.from.join(', ')}`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

/** Adds `landfall compact` to the command line; exit 1 when any entity was not compacted. */
export function addCompactCommand(cli: Command, io: Io, setExit: (code: number) => void): void {
  cli
    .command('compact')
    .description('merge each entity\'s small files (Latest, its partitions, the kept history) into files of about the target size, row for row, under the entity\'s run lock')
    .argument('<file>', 'the project file')
    .option('--entities <names...>', 'only these entities (default: every entity with an extract)')
    .option('--target-mb <n>', 'the size of the merged files in MB (default and most: the extract\'s file size)', megabytes)
    .option('--dry-run', 'print which files would merge into which, and change nothing')
    .action(async (file: string, options: { entities?: string[]; targetMb?: number; dryRun?: boolean }) => {
      if (!existsSync(file)) throw new CommandFailed(`no project file at ${file}`);
      const store = ProjectStore.open(file);
      let spec;
      try {
        spec = buildJobSpec(store, file, { entities: options.entities?.flatMap((e) => e.split(',')).filter(Boolean), runId: `compact-${randomUUID()}` });
      } finally {
        store.close();
      }
      const dryRun = options.dryRun === true;
      const results = await compactEntities(spec, { targetMb: options.targetMb, dryRun, signal: new AbortController().signal, log: (line) => io.out(`${terminalText(line, { oneLine: true })}\n`) });
      io.out(compactText(results, dryRun));
      setExit(results.some((r) => r.error !== undefined) ? 1 : 0);
    });
}
