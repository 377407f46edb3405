import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { DATE_BUCKETS, SUMMARY_FUNCTIONS } from '../../../../shared/fact/fact-schema.ts';
import type { Fact } from '../../../../shared/model/schema.ts';
import type { FieldIssues } from '../../components/issues.ts';
import { ChoiceField } from './choice-field.tsx';
import { ListIssue } from './list-issue.tsx';
import { RemoveCell } from './remove-cell.tsx';
import { factColumnNames } from './fact-defaults.ts';

type Summary = Fact['summaries'][number];
type GroupBy = Summary['groupBy'][number];
type Measure = Summary['measures'][number];

export interface SummariesEditorProps {
  readonly fact: Fact;
  readonly issues: FieldIssues;
  readonly onChange: (fact: Fact) => void;
}

const BUCKETS = [['', '—'], ...DATE_BUCKETS.map((b) => [b, `cut to the ${b}`] as const)] as const;
const FUNCTIONS = SUMMARY_FUNCTIONS.map((f) => [f, f] as const);
/** An optional name: an empty field is no name. */
const optional = (text: string): string | undefined => text || undefined;

/** One summary table: its name, the columns it groups by (a date bucket optional) and its measures. */
function SummaryCard({ summary, index, columns, issues, onChange, onRemove }: {
  readonly summary: Summary;
  readonly index: number;
  readonly columns: readonly (readonly [string, string])[];
  readonly issues: FieldIssues;
  readonly onChange: (summary: Summary) => void;
  readonly onRemove: () => void;
}) {
  const field = `summaries[${index}]`;
  const label = `Summary ${index + 1}`;
  const setGroup = (j: number, change: Partial<GroupBy>) => onChange({ ...summary, groupBy: summary.groupBy.map((g, i) => (i === j ? { ...g, ...change } : g)) });
  const setMeasure = (j: number, change: Partial<Measure>) => onChange({ ...summary, measures: summary.measures.map((m, i) => (i === j ? { ...m, ...change } : m)) });
  const measureColumns = [['', '(rows)'], ...columns] as const;
  return (
    <Paper variant="outlined" component="section" aria-label={`${label} ${summary.table}`.trim()} sx={{ p: 2 }}>
      <Stack direction="row" sx={{ gap: 2, alignItems: 'flex-start' }}>
        <TextField label={`${label} table`} value={summary.table} onChange={(event) => onChange({ ...summary, table: event.target.value })} sx={{ flexGrow: 1 }} {...issues.field(`${field}.table`, 'Upserted from staging on each pass')} />
        <IconButton aria-label={`Remove summary ${summary.table || index + 1}`} onClick={onRemove}>
          <DeleteIcon />
        </IconButton>
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 3, mt: 1.5 }}>
        <Box>
          <Table size="small" aria-label={`${label} group by`}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '38%' }}>Group by</TableCell>
                <TableCell sx={{ width: '26%' }}>Date bucket</TableCell>
                <TableCell>As</TableCell>
                <TableCell sx={{ width: 40 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {summary.groupBy.map((g, j) => {
                const at = `${field}.groupBy[${j}]`;
                const name = `${label} group by ${j + 1}`;
                return (
                  <TableRow key={j}>
                    <TableCell>
                      <ChoiceField variant="standard" fullWidth value={g.column} choices={columns} onValueChange={(column) => setGroup(j, { column })} slotProps={{ htmlInput: { 'aria-label': `${name} column` } }} {...issues.field(`${at}.column`)} />
                    </TableCell>
                    <TableCell>
                      <ChoiceField variant="standard" fullWidth value={g.bucket ?? ''} choices={BUCKETS} onValueChange={(bucket) => setGroup(j, { bucket: (bucket || undefined) as GroupBy['bucket'] })} slotProps={{ select: { displayEmpty: true }, htmlInput: { 'aria-label': `${name} bucket` } }} {...issues.field(`${at}.bucket`)} />
                    </TableCell>
                    <TableCell>
                      <TextField variant="standard" fullWidth value={g.as ?? ''} onChange={(event) => setGroup(j, { as: optional(event.target.value) })} slotProps={{ htmlInput: { 'aria-label': `${name} as` } }} {...issues.field(`${at}.as`)} />
                    </TableCell>
                    <RemoveCell label={`Remove ${name}`} onRemove={() => onChange({ ...summary, groupBy: summary.groupBy.filter((_, i) => i !== j) })} />
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <ListIssue message={issues.error(`${field}.groupBy`)} />
          <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => onChange({ ...summary, groupBy: [...summary.groupBy, { column: '' }] })}>
            Add group-by column
          </Button>
        </Box>
        <Box>
          <Table size="small" aria-label={`${label} measures`}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '24%' }}>Measure</TableCell>
                <TableCell sx={{ width: '42%' }}>Of column</TableCell>
                <TableCell>As</TableCell>
                <TableCell sx={{ width: 40 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {summary.measures.map((m, j) => {
                const at = `${field}.measures[${j}]`;
                const name = `${label} measure ${j + 1}`;
                return (
                  <TableRow key={j}>
                    <TableCell>
                      <ChoiceField variant="standard" fullWidth value={m.function} choices={FUNCTIONS} onValueChange={(fn) => setMeasure(j, { function: fn as Measure['function'] })} slotProps={{ htmlInput: { 'aria-label': `${name} function` } }} {...issues.field(`${at}.function`)} />
                    </TableCell>
                    <TableCell>
                      <ChoiceField variant="standard" fullWidth value={m.column ?? ''} choices={measureColumns} onValueChange={(column) => setMeasure(j, { column: optional(column) })} slotProps={{ select: { displayEmpty: true }, htmlInput: { 'aria-label': `${name} column` } }} {...issues.field(`${at}.column`)} />
                    </TableCell>
                    <TableCell>
                      <TextField variant="standard" fullWidth value={m.as} onChange={(event) => setMeasure(j, { as: event.target.value })} slotProps={{ htmlInput: { 'aria-label': `${name} as` } }} {...issues.field(`${at}.as`)} />
                    </TableCell>
                    <RemoveCell label={`Remove ${name}`} onRemove={() => onChange({ ...summary, measures: summary.measures.filter((_, i) => i !== j) })} />
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <ListIssue message={issues.error(`${field}.measures`)} />
          <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => onChange({ ...summary, measures: [...summary.measures, { function: 'count', as: `measure_${summary.measures.length + 1}` }] })}>
            Add measure
          </Button>
        </Box>
      </Box>
    </Paper>
  );
}

/** The fact's summary tables, each kept from the staged rows of every pass. */
export function SummariesEditor({ fact, issues, onChange }: SummariesEditorProps) {
  const columns = factColumnNames(fact).map((name) => [name, name] as const);
  const setSummary = (index: number, summary: Summary) => onChange({ ...fact, summaries: fact.summaries.map((s, i) => (i === index ? summary : s)) });
  return (
    <Stack sx={{ gap: 2 }}>
      {fact.summaries.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No summaries: each pass only copies staging to the fact.
        </Typography>
      ) : null}
      {fact.summaries.map((summary, index) => (
        <SummaryCard key={index} summary={summary} index={index} columns={columns} issues={issues} onChange={(next) => setSummary(index, next)} onRemove={() => onChange({ ...fact, summaries: fact.summaries.filter((_, i) => i !== index) })} />
      ))}
      <Button startIcon={<AddIcon />} sx={{ alignSelf: 'flex-start' }} onClick={() => onChange({ ...fact, summaries: [...fact.summaries, { table: '', groupBy: [{ column: columns[0]?.[0] ?? '' }], measures: [{ function: 'count', as: 'rows' }] }] })}>
          Add summary
      </Button>
    </Stack>
  );
}
