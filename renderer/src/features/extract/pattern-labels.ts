import type { ExtractPatternKind } from '../../../../shared/model/schema.ts';

export const PATTERN_LABELS: Record<ExtractPatternKind, string> = {
  full: 'Full',
  incremental: 'Incremental',
  dateRange: 'Date range',
  changeTracking: 'Change tracking',
  multiWildCardFile: 'Multi wild card file',
};

/** What each pattern does, shown under the picker. */
export const PATTERN_DESCRIPTIONS: Record<ExtractPatternKind, string> = {
  full: 'Every row on every run; compared with persistent staging to find inserts, updates and deletes',
  incremental: 'Rows whose change columns passed the saved watermark; the first run reads every row',
  dateRange: 'Rows from batch date − N days to the batch date; compared with persistent staging',
  changeTracking: 'SQL Server CHANGETABLE(CHANGES …) from the saved version, joined to the table',
  multiWildCardFile: 'Every file matching the pattern, several at once; archived afterwards',
};
