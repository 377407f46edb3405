/**
 * Electron's `utilityProcess.fork` as the launcher's {@link ForkFn}. Only a type comes from
 * electron here; index.ts passes the real `utilityProcess`, so this file loads under Node too.
 */
import type { UtilityProcess } from 'electron';
import type { EngineExit, ForkFn } from '../../app/engine-launcher.ts';

/** The part of Electron's `utilityProcess` module this adapter uses. */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'pipe' | 'inherit' | 'ignore' }): UtilityProcess;
}

const STDERR_KEEP = 4096;
/**
 * The engine posts its last event and exits at once; the exit notice and that message travel on
 * different channels, so the exit is reported a moment later to let the message arrive first.
 */
const EXIT_SETTLE_MS = 250;

/** Forks `modulePath` (the built `dist/engine/utility.js`) as a utility process per run. */
export function utilityFork(utilityProcess: UtilityProcessModule, modulePath: string, killGraceMs = 5_000): ForkFn {
  return () => {
    const child = utilityProcess.fork(modulePath, [], { serviceName: 'Landfall engine', stdio: 'pipe' });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    child.stdout?.resume();
    let exited = false;
    let force: NodeJS.Timeout | undefined;
    const exitListeners: ((exit: EngineExit) => void)[] = [];
    child.once('exit', (code: number) => {
      exited = true;
      clearTimeout(force);
      setTimeout(() => {
        for (const listener of exitListeners) listener({ code, stderr });
      }, EXIT_SETTLE_MS);
    });
    const kill = (): void => {
      if (exited) return;
      // Not spawned yet: end it as soon as it is.
      if (child.pid === undefined) {
        child.once('spawn', kill);
        return;
      }
      // kill() sends SIGTERM on POSIX: the engine cancels and exits. If it is stuck, end it for good.
      child.kill();
      const pid = child.pid;
      force = setTimeout(() => {
        if (exited) return;
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, killGraceMs);
      force.unref();
    };
    return {
      send(command) {
        if (!exited) child.postMessage(command);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        exitListeners.push(listener);
      },
      kill,
    };
  };
}
