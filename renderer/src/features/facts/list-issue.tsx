import Typography from '@mui/material/Typography';

/** A list's own problem (too few rows), under it; nothing when there is none. */
export function ListIssue({ message }: { readonly message: string | undefined }) {
  return message ? (
    <Typography color="error" variant="caption" role="alert">
      {message}
    </Typography>
  ) : null;
}
