import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import type { PathPurpose } from '../../../shared/ipc/contract.ts';
import { useAction } from './use-action.ts';

export type PathFieldProps = Omit<TextFieldProps, 'value' | 'onChange'> & {
  readonly value: string;
  /** What the native dialog asks for. */
  readonly purpose: PathPurpose;
  /** A new path: `typed` when the user typed it, false when the native dialog chose it (main remembers those). */
  readonly onPathChange: (path: string, typed: boolean) => void;
  /** The button's text; "Browse…" by default. */
  readonly browseLabel?: string;
};

/**
 * A path field with a Browse… button that opens the native file dialog through the one
 * `dialog:choosePath` channel; typing stays possible (main confirms a typed path it does not know).
 */
export function PathField({ value, purpose, onPathChange, browseLabel = 'Browse…', label, sx, ...props }: PathFieldProps) {
  const browse = useAction(async () => {
    const chosen = await window.landfall.choosePath({ purpose, ...(value.trim() ? { defaultPath: value.trim() } : {}) });
    if (chosen !== null) onPathChange(chosen, false);
  });
  return (
    <Box sx={[{ display: 'flex', gap: 1, alignItems: 'flex-start' }, ...(Array.isArray(sx) ? sx : sx ? [sx] : [])]}>
      <TextField
        {...props}
        label={label}
        value={value}
        onChange={(event) => onPathChange(event.target.value, true)}
        {...(browse.error ? { error: true, helperText: browse.error } : {})}
        sx={{ flexGrow: 1 }}
      />
      <Button variant="outlined" onClick={() => void browse.run()} disabled={browse.busy} sx={{ mt: 1, flexShrink: 0 }}>
        {browseLabel}
      </Button>
    </Box>
  );
}
