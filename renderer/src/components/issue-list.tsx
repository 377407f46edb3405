import Alert from '@mui/material/Alert';
import type { ValidationIssue } from '../../../shared/model/validate.ts';

export interface IssueListProps {
  readonly issues: readonly ValidationIssue[];
  readonly title?: string;
}

/** Problems that belong to no single field (or to one not on screen), listed together. */
export function IssueList({ issues, title = 'Fix these first' }: IssueListProps) {
  if (issues.length === 0) return null;
  return (
    <Alert severity="error" aria-label={title}>
      <strong>{title}</strong>
      {issues.map((issue) => (
        <div key={`${issue.field}:${issue.message}`}>{issue.field ? `${issue.field}: ${issue.message}` : issue.message}</div>
      ))}
    </Alert>
  );
}
