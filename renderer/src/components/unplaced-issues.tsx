import type { FieldIssues } from './issues.ts';
import { IssueList } from './issue-list.tsx';

export interface UnplacedIssuesProps {
  readonly issues: FieldIssues;
  readonly title?: string;
}

/**
 * The issues no field showed. Place it after the fields in the tree: React renders a component's
 * earlier siblings (and their children) first, so by then every field has taken its issues.
 */
export function UnplacedIssues({ issues, title }: UnplacedIssuesProps) {
  return <IssueList issues={issues.rest()} {...(title ? { title } : {})} />;
}
