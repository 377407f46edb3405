/**
 * What an entity's progress bar shows. The engine reports rows read but no total (no source
 * estimate reaches the run panel yet), so a running entity gets an indeterminate bar: a percentage
 * made up from its step would claim a precision nobody measured.
 */
import { stopped, type LiveEntity } from './run-monitor.ts';

export type ProgressBar = { readonly variant: 'indeterminate'; readonly caption: string } | { readonly variant: 'determinate'; readonly value: number; readonly caption: string };

/** The bar of one entity: full when done, empty while queued or once stopped, moving while it works. */
export function progressBar(entity: LiveEntity): ProgressBar {
  if (entity.state === 'done') return { variant: 'determinate', value: 100, caption: '100%' };
  if (entity.state === 'queued') return { variant: 'determinate', value: 0, caption: '' };
  if (stopped(entity.state)) return { variant: 'determinate', value: 0, caption: `stopped ${entity.reached === 'queued' ? 'before starting' : `while ${entity.reached}`}` };
  return { variant: 'indeterminate', caption: entity.state };
}
