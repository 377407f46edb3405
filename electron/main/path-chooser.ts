/**
 * The native file dialog behind `dialog:choosePath`: a save dialog for a new project, open dialogs
 * for an existing project, a file or a folder, each attached to the app window.
 */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { PathPurpose } from '../../shared/ipc/contract.ts';
import type { PathChooser } from '../../app/ipc/path-grants.ts';

const PROJECT_FILTERS = [{ name: 'Landfall project', extensions: ['landfall'] }];

/** The chooser for `window`'s handlers. */
export function electronChooser(window: BrowserWindow): PathChooser {
  return async ({ purpose, defaultPath }) => {
    const base = defaultPath === undefined ? {} : { defaultPath };
    if (purpose === 'newProject') {
      const saved = await dialog.showSaveDialog(window, { ...base, title: 'New project file', filters: PROJECT_FILTERS, properties: ['createDirectory', 'showOverwriteConfirmation'] });
      return saved.canceled ? undefined : saved.filePath;
    }
    const open: Record<Exclude<PathPurpose, 'newProject'>, OpenDialogOptions> = {
      openProject: { ...base, title: 'Open project', filters: PROJECT_FILTERS, properties: ['openFile'] },
      file: { ...base, title: 'Choose a file', properties: ['openFile'] },
      folder: { ...base, title: 'Choose a folder', properties: ['openDirectory', 'createDirectory'] },
    };
    const chosen = await dialog.showOpenDialog(window, open[purpose]);
    return chosen.canceled ? undefined : chosen.filePaths[0];
  };
}
