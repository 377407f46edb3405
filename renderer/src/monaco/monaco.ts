/**
 * Monaco, set up once for the designer: the editor worker bundled by Vite (`?worker`; the
 * renderer's CSP allows `worker-src 'self' blob:`). SQL needs no language worker: its
 * highlighting is a tokenizer that runs on the page.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/** The light theme with a background a shade off white, so code reads apart from the form. */
export const LANDFALL_THEME = 'landfall';
monaco.editor.defineTheme(LANDFALL_THEME, {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#fbfbfd', 'editorLineNumber.foreground': '#9aa0a6' },
});

export { monaco };
