// The opt-in integration suites' configuration: a real SQL Server / Azure SQL database and a real
// ADLS Gen2 (hierarchical namespace) account, named by environment variables because none can run
// on the CI machines. Without them a suite registers no test and says, on stderr, that it did not
// run and why — never a test that passes without checking anything.

/** `key=value;key=value` text, keys case-insensitive. */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return out;
}

export interface SqlServerTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly encrypt: boolean;
  readonly trustServerCertificate: boolean;
}

export interface AdlsTarget {
  readonly account: string;
  readonly fileSystem: string;
  readonly key: string;
}

export type OptIn<T> = { readonly ok: true; readonly target: T } | { readonly ok: false; readonly why: string };

const SQLSERVER_FORMAT = 'host=<server>;port=1433;database=<empty database>;user=<login>;password=<password>[;encrypt=true;trustServerCertificate=false]';
const ADLS_FORMAT = 'account=<storage account>;fileSystem=<container>;key=<account key>';

/** `LANDFALL_TEST_SQLSERVER`, read. */
export function sqlServerOptIn(env: NodeJS.ProcessEnv): OptIn<SqlServerTarget> {
  const text = env.LANDFALL_TEST_SQLSERVER;
  if (!text) return { ok: false, why: `LANDFALL_TEST_SQLSERVER is not set (${SQLSERVER_FORMAT})` };
  const f = fields(text);
  const missing = ['host', 'database', 'user', 'password'].filter((k) => !f.get(k));
  if (missing.length) return { ok: false, why: `LANDFALL_TEST_SQLSERVER lacks ${missing.join(', ')} (${SQLSERVER_FORMAT})` };
  const port = Number(f.get('port') ?? '1433');
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, why: `LANDFALL_TEST_SQLSERVER port "${f.get('port')}" is not a port` };
  return {
    ok: true,
    target: {
      host: f.get('host')!, port, database: f.get('database')!, user: f.get('user')!, password: f.get('password')!,
      encrypt: (f.get('encrypt') ?? 'true').toLowerCase() !== 'false',
      trustServerCertificate: (f.get('trustservercertificate') ?? 'false').toLowerCase() === 'true',
    },
  };
}

/** `LANDFALL_TEST_ADLS_DFS`, read. */
export function adlsOptIn(env: NodeJS.ProcessEnv): OptIn<AdlsTarget> {
  const text = env.LANDFALL_TEST_ADLS_DFS;
  if (!text) return { ok: false, why: `LANDFALL_TEST_ADLS_DFS is not set (${ADLS_FORMAT})` };
  const f = fields(text);
  const missing = ['account', 'filesystem', 'key'].filter((k) => !f.get(k));
  if (missing.length) return { ok: false, why: `LANDFALL_TEST_ADLS_DFS lacks ${missing.join(', ')} (${ADLS_FORMAT})` };
  return { ok: true, target: { account: f.get('account')!, fileSystem: f.get('filesystem')!, key: f.get('key')! } };
}

/** Says on stderr, where the test run shows it, that a suite did not run and why. */
export function reportNotRun(suite: string, why: string): void {
  process.stderr.write(`\n[opt-in] ${suite}: NOT RUN — ${why}. See README, "SQL Server, Azure SQL, Synapse and ADLS".\n\n`);
}
