import { rmSync } from 'node:fs';
import { engineSpec, TABLES } from './scripts/bench/fixtures.ts';
import { runBatch } from './engine/run-batch.ts';
const info = { host: '127.0.0.1', port: 55432, database: 'postgres', user: 'postgres' } as any;
const table = TABLES.find((t) => t.name === (process.argv[2] ?? 'narrow'))!;
const output = (process.argv[3] ?? 'csv-zstd') as any;
rmSync('/tmp/prof-run', { recursive: true, force: true });
const spec = engineSpec(table, info, '/tmp/prof-run', output);
let t0 = 0, c0: NodeJS.CpuUsage | undefined, done = false;
const r = await runBatch(spec, { signal: new AbortController().signal, onEvent: (e: any) => {
  if (e.type === 'run:started') { t0 = performance.now(); c0 = process.cpuUsage(); }
  if (e.type === 'entity:state' && e.state === 'loading' && !done) { done = true; const c = process.cpuUsage(c0); console.log('extract+land wall', ((performance.now() - t0) / 1000).toFixed(2), 'cpu user', (c.user / 1e6).toFixed(2), 'sys', (c.system / 1e6).toFixed(2)); }
} } as any);
console.log(r.status);
