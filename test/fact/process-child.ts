// A fact processor (or poller K) that kills itself (SIGKILL, no cleanup) after the n-th statement
// of a step: the kill tests' named points. Arguments: one JSON object { fact, connection, step, n, poller?, base? }.
import type { Connection, Fact } from '../../shared/model/index.ts';
import { processFact } from '../../engine/fact/process-fact.ts';
import { pollThings } from '../../engine/fact/poll-things.ts';

const { fact, connection, step, n, poller, base } = JSON.parse(process.argv[2]!) as { fact: Fact; connection: Connection; step: string; n: number; poller?: number; base?: string };
let seen = 0;
const onStatement = (name: string): void => {
  if (name === step && ++seen === n) process.kill(process.pid, 'SIGKILL');
};
if (poller === undefined) await processFact(fact, connection, { onStatement });
else await pollThings(fact, connection, { poller, base: base!, onStatement });
process.stderr.write(`the processor finished without reaching ${step} statement ${n}\n`);
