/**
 * Bounded retries with backoff, for the steps where a retry is safe because nothing has happened
 * yet that a second attempt would repeat: opening a connection to a source or warehouse, and the
 * lake operations that can be repeated as a whole (writing one file under its name, reading a
 * listing or a manifest; see `land/lake-lander.ts`). A read
 * that fails half way is not retried: its rows are already on their way to the lake, and only a
 * read from the start could be repeated safely, so the entity fails instead (nothing committed).
 */

/** How often and how patiently a step is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** The wait before the first retry; doubled for each one after it. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/** Connecting: 4 attempts over about 3.5 s — a server restarting or briefly refusing. */
export const CONNECT_RETRIES: RetryPolicy = { attempts: 4, firstDelayMs: 500, maxDelayMs: 4000 };

/**
 * A lake operation that failed after the SDK's own retries of each request (or got no answer in
 * time): 3 attempts of the whole operation, 1 then 2 s apart — the SDK has already waited its ~2 s.
 */
export const LAKE_RETRIES: RetryPolicy = { attempts: 3, firstDelayMs: 1000, maxDelayMs: 4000 };

/**
 * Error codes that mean the connection failed on its way, not that it was refused for a reason a
 * retry cannot change (a wrong password, a missing database): system errors, PostgreSQL SQLSTATEs
 * (class 08, shutdowns, too many connections) and MySQL/MariaDB client and server codes.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN',
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300',
  'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN', 'ER_TOO_MANY_USER_CONNECTIONS',
  // Azure Storage (a `RestError`'s code, or our `LakeTimeoutError`'s): throttled, failed inside the
  // service, timed out (by the service or by our bound), or the request never reached it.
  'ServerBusy', 'InternalError', 'OperationTimedOut', 'REQUEST_SEND_ERROR',
]);

/** HTTP answers a later attempt may not get again: a storage service failing, overloaded or behind a failing gateway. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Whether `error` (or the error it wraps) carries a code that a later attempt may not meet again. */
export function isTransient(error: unknown): boolean {
  // mssql keeps the driver's error as `originalError`, and tedious its socket errors as `cause`.
  const inner = (e: Error): unknown => e.cause ?? (e as { originalError?: unknown }).originalError;
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = inner(e), depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    const status = (e as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && TRANSIENT_STATUSES.has(status)) return true;
    if (e instanceof AggregateError && e.errors.some(isTransient)) return true;
  }
  return false;
}

/** A connection that ended under a running query: the server was stopped, killed it, or went away. */
export class ConnectionLost extends Error {
  readonly code = 'ECONNRESET';
  constructor(cause: unknown) {
    super(`the connection was lost: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * A promise that rejects with {@link ConnectionLost} when `emitter` (a driver's connection) emits
 * `error` or `end`: raced with a driver's pending read, which may otherwise wait for ever once the
 * socket is gone. It never resolves, and its rejection is handled even when nothing races it.
 */
export function lostConnection(emitter: { on(event: 'error' | 'end', listener: (error?: unknown) => void): unknown }): Promise<never> {
  const lost = new Promise<never>((_, reject) => {
    // `on`, not `once`: a driver may emit more than one error as its socket goes (the FATAL, then
    // "terminated unexpectedly"), and an error event nobody listens to ends the process.
    emitter.on('error', (error) => reject(new ConnectionLost(error)));
    emitter.on('end', () => reject(new ConnectionLost('the server closed it')));
  });
  lost.catch(() => undefined);
  return lost;
}

/** Waits `ms`, or until `signal` aborts (then throws its reason). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const done = (): void => {
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Waits for `promise` or for `signal` to abort, whichever comes first; a value that arrives after
 * the abort goes to `discard` (a connection opened too late is closed).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, discard: (value: T) => void): Promise<T> {
  if (signal.aborted) {
    promise.then(discard, () => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      promise.then(discard, () => undefined);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', stop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        if (signal.aborted) discard(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error as Error);
      },
    );
  });
}

export interface RetryOptions {
  readonly policy: RetryPolicy;
  readonly signal: AbortSignal;
  /** Told of each retry before its wait: the attempt about to run (2 = the first retry), the wait and the error. */
  readonly onRetry: (attempt: number, delayMs: number, error: unknown) => void;
}

/**
 * Runs `task` until it succeeds, fails with an error that is not transient, or has used the
 * policy's attempts (then the last error is thrown). Waits between attempts honour the signal.
 */
export async function withRetries<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, signal } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (signal.aborted || attempt >= policy.attempts || !isTransient(error)) throw error;
      const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
      options.onRetry(attempt + 1, delay, error);
      await sleep(delay, signal);
    }
  }
}
