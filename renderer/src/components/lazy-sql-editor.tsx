import { lazy, Suspense } from 'react';
import Skeleton from '@mui/material/Skeleton';
import type { SqlEditorProps } from './sql-editor.tsx';

// Monaco is large: it loads when the first SQL editor is shown, not with the app.
const SqlEditor = lazy(() => import('./sql-editor.tsx'));

/** The SQL editor, loaded on first use. */
export function LazySqlEditor(props: SqlEditorProps) {
  return (
    <Suspense fallback={<Skeleton variant="rounded" height={props.height ?? 240} aria-label={`${props.label} (loading)`} />}>
      <SqlEditor {...props} />
    </Suspense>
  );
}
