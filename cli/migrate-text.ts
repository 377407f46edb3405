/** The text `landfall migrate` prints: per entity what changes, the DDL, and whether it ran. */
import type { EntityMigration } from '../engine/migrate-entities.ts';
import { terminalText } from './terminal-text.ts';

/** One block per entity; the statements end with `;` so the text can be run as a script. */
export function migrateText(results: readonly EntityMigration[], dryRun: boolean): string {
  const blocks = results.map((r) => {
    const lines = [`entity "${terminalText(r.entity, { oneLine: true })}":`];
    for (const change of r.changes) lines.push(`  ${change}`);
    for (const problem of r.problems) lines.push(`  cannot migrate: ${problem}`);
    if (!r.statements.length) lines.push(r.problems.length ? '  nothing ran' : `  nothing to change${r.note.startsWith('the warehouse') ? ` (${r.note})` : ''}`);
    else {
      lines.push('', ...r.statements.map((s) => `${s};`), '');
      lines.push(r.problems.length ? '  nothing ran: fix the problems above first' : dryRun ? `  dry run: nothing ran (it ${r.note})` : r.applied ? `  applied (${r.note})` : '  nothing ran');
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
