import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { runHistoryQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';
import { RunHistoryRow } from './run-history-row.tsx';

/** Past runs, newest first, each with its entities' results. */
export function RunHistory() {
  const history = useQuery(runHistoryQuery);
  if (history.error) return <Alert severity="error">{history.error.message}</Alert>;
  if (history.data && history.data.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No runs yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Run history">
      <TableHead>
        <TableRow>
          <TableCell />
          <TableCell>Started</TableCell>
          <TableCell>Batch date</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Entities / facts</TableCell>
          <TableCell align="right">Rows</TableCell>
          <TableCell align="right">Duration</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {(history.data ?? []).map((run) => (
          <RunHistoryRow key={run.id} run={run} />
        ))}
      </TableBody>
    </Table>
  );
}
