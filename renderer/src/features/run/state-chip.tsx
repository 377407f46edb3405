import Chip, { type ChipProps } from '@mui/material/Chip';

const COLORS: Record<string, ChipProps['color']> = {
  queued: 'default',
  starting: 'default',
  extracting: 'info',
  landing: 'info',
  loading: 'info',
  running: 'info',
  cancelling: 'warning',
  done: 'success',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
  killed: 'error',
};

/** A run's or an entity's state, coloured by how it went. */
export function StateChip({ state }: { readonly state: string }) {
  return <Chip label={state} color={COLORS[state] ?? 'default'} variant={state === 'queued' ? 'outlined' : 'filled'} sx={{ fontWeight: 600, minWidth: 76 }} />;
}
