// A fact processor that kills itself (SIGKILL, no cleanup) after the n-th statement of a step:
// the kill tests' named points. Arguments: one JSON object { fact, connection, step, n }.
import type { Connection, Fact } from '../../shared/model/index.ts';
import { processFact } from '../../engine/fact/process-fact.ts';

const { fact, connection, step, n } = JSON.parse(process.argv[2]!) as { fact: Fact; connection: Connection; step: string; n: number };
let seen = 0;
await processFact(fact, connection, {
  onStatement: (name) => {
    if (name === step && ++seen === n) process.kill(process.pid, 'SIGKILL');
  },
});
process.stderr.write(`the processor finished without reaching ${step} statement ${n}\n`);
