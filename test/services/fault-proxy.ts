/**
 * Starts `fault-proxy.mjs` as a child process (a real proxy between the engine and a server) and
 * reports its port and the faults it injected.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface FaultProxy {
  readonly port: number;
  /** Faults injected so far. */
  faults(): number;
  stop(): Promise<void>;
}

/** Starts the proxy with `args` (see fault-proxy.mjs) in front of `target` (`host:port`). */
export function startFaultProxy(target: string, args: readonly string[]): Promise<FaultProxy> {
  const proc = spawn(process.execPath, [join(import.meta.dirname, 'fault-proxy.mjs'), '--target', target, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let faults = 0;
  return new Promise((resolve, reject) => {
    let buffered = '';
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`fault proxy exited with ${code}`)));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const [word, value] = buffered.slice(0, newline).split(' ');
        buffered = buffered.slice(newline + 1);
        if (word === 'faults') faults = Number(value);
        if (word === 'listening') {
          resolve({
            port: Number(value),
            faults: () => faults,
            stop: () => new Promise((done) => {
              if (proc.exitCode !== null) return done();
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
            }),
          });
        }
      }
    });
  });
}
