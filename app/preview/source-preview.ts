/**
 * The first rows of an extract query, read the way a run reads them (the engine's source, its
 * stream) but bounded three ways: at most `limit` rows (the stream is left at once, which stops the
 * query on the server), at most `timeoutMs`, and the caller's `signal` (the designer's Cancel).
 */
import type { Connection } from '../../shared/model/index.ts';
import type { Compiled } from '../../shared/sql/statement.ts';
import { openSource } from '../../engine/connections.ts';
import type { Source } from '../../engine/source/source.ts';

export interface SourcePreviewOptions {
  readonly limit: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

export interface SourcePreviewRows {
  readonly rows: unknown[][];
  readonly truncated: boolean;
}

/** Why a preview stopped early, in the words the designer shows. */
class PreviewStopped extends Error {
  override readonly name = 'PreviewStopped';
}

/**
 * Reads the first rows of `statement` from `connection` (resolved: absolute paths, secret values).
 * Rejects with "… did not answer within N s" when the deadline passes and "the preview was
 * cancelled" when `signal` aborts; either way the query is stopped and the connection closed.
 */
export async function previewSourceRows(connection: Connection, statement: Compiled, options: SourcePreviewOptions): Promise<SourcePreviewRows> {
  const stop = new AbortController();
  const seconds = Math.max(1, Math.round(options.timeoutMs / 1000));
  const deadline = setTimeout(() => stop.abort(new PreviewStopped(`${connection.kind} connection "${connection.name}" did not answer within ${seconds} s: the preview was stopped (a preview reads at most ${seconds} s; narrow the query or preview the landed files)`)), options.timeoutMs);
  const cancel = (): void => stop.abort(new PreviewStopped('the preview was cancelled'));
  if (options.signal.aborted) cancel();
  options.signal.addEventListener('abort', cancel, { once: true });
  // The stream stops itself on abort, but a connect or a first fetch may sit in the driver: the race answers at once.
  const stopped = new Promise<never>((_, reject) => {
    const fail = (): void => reject(stop.signal.reason as Error);
    if (stop.signal.aborted) fail();
    else stop.signal.addEventListener('abort', fail, { once: true });
  });
  stopped.catch(() => undefined);
  let source: Source | undefined;
  const opening = openSource(connection);
  try {
    source = await Promise.race([opening, stopped]);
    const rows: unknown[][] = [];
    let truncated = false;
    const reading = (async () => {
      for await (const batch of source!.stream(statement, stop.signal)) {
        for (const row of batch) {
          if (rows.length === options.limit) {
            truncated = true;
            return;
          }
          rows.push(row);
        }
      }
    })();
    reading.catch(() => undefined);
    await Promise.race([reading, stopped]);
    return { rows, truncated };
  } catch (error) {
    if (stop.signal.aborted) throw stop.signal.reason as Error;
    throw error;
  } finally {
    clearTimeout(deadline);
    options.signal.removeEventListener('abort', cancel);
    if (!source) void opening.then((late) => late.close(), () => undefined);
    else await source.close().catch(() => undefined);
  }
}
