import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { App } from './app.tsx';
import { connectEvents } from './connect-events.ts';
import { QueryCache } from './data/query-cache.ts';
import { QueryCacheContext } from './data/query-cache-context.ts';
import { RunMonitor } from './features/run/run-monitor.ts';
import { RunMonitorContext } from './features/run/run-monitor-context.ts';
import { theme } from './shell/theme.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
if (!('landfall' in window)) throw new Error('the Landfall API is missing: the page must be loaded by the app (its preload) or the e2e harness');

const cache = new QueryCache();
const monitor = new RunMonitor();
connectEvents(window.landfall, cache, monitor);

createRoot(root).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryCacheContext.Provider value={cache}>
        <RunMonitorContext.Provider value={monitor}>
          <App />
        </RunMonitorContext.Provider>
      </QueryCacheContext.Provider>
    </ThemeProvider>
  </StrictMode>,
);
