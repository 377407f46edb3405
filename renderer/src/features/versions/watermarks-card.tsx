import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { LazySqlEditor } from '../../components/lazy-sql-editor.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { savedWatermarksQuery, sqlPreviewQuery } from '../../data/queries.ts';
import { useQuery } from '../../data/use-query.ts';

/**
 * The entity's saved watermarks as the warehouse holds them, and the extract query the next run
 * will send with them (the SQL preview given those values, as `landfall sql --saved` prints it).
 */
export function WatermarksCard({ entityName }: { readonly entityName: string }) {
  const saved = useQuery(savedWatermarksQuery(entityName));
  const watermarks = saved.data ?? {};
  const next = useQuery(sqlPreviewQuery({ entityName, watermarks }));
  const extract = next.data?.ok ? next.data.steps.find((s) => s.step === 'extract') : undefined;
  const names = Object.keys(watermarks);
  return (
    <SectionCard title="Saved watermarks" subtitle="What zdm.control_parameters holds for the entity now, and the extract the next run will use with it">
      {saved.error ? <Alert severity="info">{saved.error.message}</Alert> : null}
      {saved.data && !names.length ? <Typography color="text.secondary" sx={{ mb: 2 }}>Nothing is saved yet: the next run reads everything its pattern selects.</Typography> : null}
      {names.length ? (
        <Table size="small" aria-label="Saved watermarks" sx={{ mb: 2 }}>
          <TableHead>
            <TableRow>
              <TableCell>Parameter</TableCell>
              <TableCell>Saved value</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {names.map((name) => (
              <TableRow key={name}>
                <TableCell>{name}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{watermarks[name]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {extract ? <LazySqlEditor label="Next extract SQL" value={extract.text} readOnly autoHeight height={120} wrap /> : null}
    </SectionCard>
  );
}
