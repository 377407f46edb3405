// The landfall command run in this process, its output collected: how the plan tests compare
// `landfall runs show --sql` with `landfall sql --run`.
import { main, type CliIo } from '../../cli/landfall.ts';
import type { Connection } from '../../shared/model/index.ts';

export interface Output {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `landfall <argv…>` and returns its exit code, stdout and stderr. */
export async function landfall(...argv: string[]): Promise<Output> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => void (out += text), err: (text) => void (err += text) };
  const code = await main(argv, io);
  return { code, out, err };
}

/** The connection as the project file keeps it: a server password becomes an environment reference. */
export function stored(connection: Connection, env: string): Connection {
  if ('password' in connection && connection.password !== undefined && connection.password !== '') {
    process.env[env] = connection.password;
    return { ...connection, password: `\${env:${env}}` };
  }
  return connection;
}
