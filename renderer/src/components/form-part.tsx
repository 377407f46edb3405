import type { ReactNode } from 'react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

export interface FormPartProps {
  readonly title: string;
  readonly children: ReactNode;
}

/** A titled part of a long form (a region named by its title). */
export function FormPart({ title, children }: FormPartProps) {
  return (
    <Stack component="section" aria-label={title} sx={{ gap: 1.5 }}>
      <Typography variant="overline" component="h3" color="text.secondary" sx={{ lineHeight: 1.5, fontWeight: 700 }}>
        {title}
      </Typography>
      {children}
    </Stack>
  );
}
