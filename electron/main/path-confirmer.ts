/**
 * The native confirmation behind a typed path: the page says the user typed it, and only the user
 * can mean it, so main asks once per path with a message box attached to the app window.
 */
import { dialog, type BrowserWindow } from 'electron';
import type { PathConfirmer } from '../../app/ipc/path-grants.ts';

/** The confirmer for `window`'s handlers: Cancel is the default, so Enter allows nothing. */
export function electronConfirmer(window: BrowserWindow): PathConfirmer {
  return async ({ path, action }) => {
    const answer = await dialog.showMessageBox(window, {
      type: 'question',
      title: 'Use a typed path?',
      message: `Allow Landfall to ${action}?`,
      detail: `This path was typed in the window, not chosen with Browse…:\n${path}\n\nAllow it only if you typed it yourself. Landfall asks once per path until it is closed.`,
      buttons: ['Cancel', 'Allow'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    return answer.response === 1;
  };
}
