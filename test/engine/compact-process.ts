// `landfall compact`'s engine in a process of its own, for the kill test: it compacts the spec it
// is given (a JSON file) and sends each log line over the IPC channel, so the test can SIGKILL it
// at a named point of the compaction.
import { readFileSync } from 'node:fs';
import { compactEntities } from '../../engine/compact.ts';
import type { JobSpec } from '../../shared/protocol/engine.ts';

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as JobSpec;
const results = await compactEntities(spec, { targetMb: Number(process.argv[3]), dryRun: false, signal: new AbortController().signal, log: (line) => void process.send!({ line }) });
process.send!({ results }, () => process.exit(0));
