import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import { LANDFALL_THEME, monaco } from '../monaco/monaco.ts';

export interface SqlEditorProps {
  /** Names the editor for screen readers and tests (the region's label). */
  readonly label: string;
  readonly value: string;
  readonly onChange?: (value: string) => void;
  readonly readOnly?: boolean;
  /** Grow with the text instead of scrolling inside, so every line is on the page. */
  readonly autoHeight?: boolean;
  /** Height in pixels (the minimum height with `autoHeight`). */
  readonly height?: number;
  readonly invalid?: boolean;
  /** Wrap long lines; by default a query being typed wraps and a read-only preview scrolls sideways. */
  readonly wrap?: boolean;
}

/** A Monaco editor with SQL highlighting: the free-query editor and the read-only SQL preview. */
export default function SqlEditor({ label, value, onChange, readOnly = false, autoHeight = false, height = 240, invalid = false, wrap = !readOnly }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  /**
   * Texts this editor reported and React has not handed back yet: each comes back a render later,
   * when more may have been typed, and must not be applied over the newer text.
   */
  const reported = useRef(new Set<string>());

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const instance = monaco.editor.create(element, {
      value,
      language: 'sql',
      theme: LANDFALL_THEME,
      readOnly,
      ariaLabel: label,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      lineNumbersMinChars: 3,
      renderLineHighlight: readOnly ? 'none' : 'line',
      guides: { indentation: !readOnly },
      stickyScroll: { enabled: false },
      overviewRulerLanes: 0,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      wordWrap: wrap ? 'on' : 'off',
      tabSize: 2,
      scrollbar: autoHeight ? { vertical: 'hidden', alwaysConsumeMouseWheel: false } : {},
    });
    editor.current = instance;
    const subscriptions = [
      instance.onDidChangeModelContent(() => {
        const text = instance.getValue();
        reported.current.add(text);
        changed.current?.(text);
      }),
    ];
    if (autoHeight) {
      const fit = () => {
        element.style.height = `${Math.max(height, instance.getContentHeight())}px`;
        instance.layout();
      };
      subscriptions.push(instance.onDidContentSizeChange(fit));
      fit();
    }
    return () => {
      for (const subscription of subscriptions) subscription.dispose();
      instance.getModel()?.dispose();
      instance.dispose();
      editor.current = null;
    };
    // The editor is created once; the value and options that change are applied below.
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (!instance) return;
    if (instance.getValue() === value) {
      reported.current.clear();
      return;
    }
    // Our own earlier text coming back is not a change from outside: applying it would drop keys typed since.
    if (reported.current.has(value)) return;
    reported.current.clear();
    if (readOnly) instance.setValue(value);
    else {
      // Keep the undo stack when the text is replaced from outside (e.g. a reset).
      const model = instance.getModel();
      if (model) instance.executeEdits('landfall', [{ range: model.getFullModelRange(), text: value }]);
    }
  }, [value, readOnly]);

  useEffect(() => editor.current?.updateOptions({ readOnly, ariaLabel: label, wordWrap: wrap ? 'on' : 'off' }), [readOnly, label, wrap]);

  return (
    <Box
      role="region"
      aria-label={label}
      sx={{
        border: 1,
        borderColor: invalid ? 'error.main' : 'divider',
        borderRadius: 1,
        overflow: 'hidden',
      }}
    >
      <div ref={host} style={{ height }} />
    </Box>
  );
}
