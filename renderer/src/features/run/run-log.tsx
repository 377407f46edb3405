import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import type { LogLine } from './run-monitor.ts';

const LEVEL_COLORS = { info: '#c9d4e3', warn: '#ffcc66', error: '#ff8a80' } as const;

/** The run's log, newest at the bottom, following the end while it grows. */
export function RunLog({ lines }: { readonly lines: readonly LogLine[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [lines.length]);
  return (
    <Box
      ref={box}
      role="log"
      aria-label="Run log"
      sx={{ bgcolor: '#14202f', color: '#c9d4e3', fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace', fontSize: 12, p: 1.5, borderRadius: 1, height: 200, overflow: 'auto' }}
    >
      {lines.length === 0 ? <Box sx={{ opacity: 0.6 }}>The engine’s log appears here.</Box> : null}
      {lines.map((line, index) => (
        <Box key={index} sx={{ whiteSpace: 'pre-wrap', color: LEVEL_COLORS[line.level] }}>
          <Box component="span" sx={{ opacity: 0.55 }}>{line.at.slice(11, 19)} </Box>
          {line.entity ? <Box component="span" sx={{ color: '#7fb3ff' }}>[{line.entity}] </Box> : null}
          {line.message}
        </Box>
      ))}
    </Box>
  );
}
