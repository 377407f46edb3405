import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProjectStore } from '../app/store/project-store.ts';
import { EXIT, main, type CliIo } from './landfall.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'every-kind.project.json');

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-cli-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => void (out += text), err: (text) => void (err += text) };
  const code = await main(argv, io);
  return { code, out, err };
}

/** Imports the every-kind fixture into a project file through the CLI. */
async function imported(name = 'every.landfall'): Promise<string> {
  const file = join(dir, name);
  const result = await run('import', FIXTURE, file);
  expect(result).toMatchObject({ code: EXIT.ok, err: '' });
  return file;
}

function withStore<T>(file: string, action: (store: ProjectStore) => T): T {
  const store = ProjectStore.open(file);
  try {
    return action(store);
  } finally {
    store.close();
  }
}

describe('landfall new', () => {
  it('creates an empty project named after the file', async () => {
    const file = join(dir, 'sales.landfall');
    const result = await run('new', file);
    expect(result).toEqual({ code: 0, out: `created ${file}\n`, err: '' });
    withStore(file, (store) => {
      expect(store.getSettings().name).toBe('sales');
      expect(store.listConnections()).toEqual([]);
    });
  });

  it('takes a --name', async () => {
    const file = join(dir, 'x.landfall');
    expect((await run('new', file, '--name', 'Finance staging')).code).toBe(0);
    withStore(file, (store) => expect(store.getSettings().name).toBe('Finance staging'));
  });

  it('refuses an existing file with exit 1', async () => {
    const file = join(dir, 'sales.landfall');
    writeFileSync(file, 'mine');
    const result = await run('new', file);
    expect(result.code).toBe(EXIT.failed);
    expect(result.err).toBe(`error: ${file} already exists; open it, or choose another file name\n`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('creates the demo with --demo', async () => {
    const file = join(dir, 'demo', 'sales.landfall');
    const result = await run('new', file, '--demo', '--anchor-date', '2026-06-30');
    expect(result).toEqual({ code: 0, out: `created ${file} with the demo (3 connections, 4 entities, 4 extracts)\n`, err: '' });
    expect(readdirSync(join(dir, 'demo')).sort()).toEqual(expect.arrayContaining(['lake', 'sales-source.sqlite', 'sales.landfall', 'warehouse.duckdb']));
    const validated = await run('validate', file);
    expect(validated).toEqual({ code: 0, out: `${file}: valid (3 connections, 4 entities, 4 extracts)\n`, err: '' });
  });

  it('hides --anchor-date from the help', async () => {
    const result = await run('new', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--demo');
    expect(result.out).not.toContain('anchor');
  });
});

describe('landfall validate', () => {
  it('exits 0 for a valid project', async () => {
    const file = await imported();
    const result = await run('validate', file);
    expect(result).toEqual({ code: 0, out: `${file}: valid (10 connections, 8 entities, 7 extracts)\n`, err: '' });
  });

  it('exits 1 and lists each problem with object and field', async () => {
    const file = await imported();
    withStore(file, (store) => {
      store.saveEntity({ ...store.getEntity('account')!, warehouse: 'nowhere' });
      store.saveExtract({ ...store.getExtract('invoice')!, lander: { connection: 'lake' } });
    });
    const result = await run('validate', file);
    expect(result.code).toBe(EXIT.failed);
    expect(result.out).toBe('');
    expect(result.err.split('\n')).toEqual([
      `${file}: 2 problems`,
      '  - entity "account", warehouse: no connection is named "nowhere"',
      '  - extract of entity "invoice", lander.connection: a postgres warehouse loads landed files from a local folder: use a localfs lander',
      '',
    ]);
  });

  it('checks a project JSON document as well as a project file', async () => {
    const file = await imported();
    const json = join(dir, 'project.json');
    writeFileSync(json, withStore(file, (store) => store.exportDocument()));
    expect(await run('validate', json)).toEqual({ code: 0, out: `${json}: valid (10 connections, 8 entities, 7 extracts)\n`, err: '' });
    const document = JSON.parse(readFileSync(json, 'utf8')) as { entities: { warehouse: string }[] };
    document.entities[0]!.warehouse = 'nowhere';
    writeFileSync(json, JSON.stringify(document));
    const bad = await run('validate', json);
    expect(bad.code).toBe(EXIT.failed);
    expect(bad.err).toMatch(/: 1 problem\n {2}- entity "[^"]+", warehouse: no connection is named "nowhere"/);
  });

  it('says "1 problem" for one', async () => {
    const file = await imported();
    withStore(file, (store) => store.saveEntity({ ...store.getEntity('account')!, warehouse: 'nowhere' }));
    expect((await run('validate', file)).err).toMatch(/: 1 problem\n {2}- entity "account"/);
  });

  it('exits 1 with a message for a missing file, and creates nothing', async () => {
    const file = join(dir, 'missing.landfall');
    const result = await run('validate', file);
    expect(result).toEqual({ code: 1, out: '', err: `error: no project at ${file}; create one with "landfall new ${file}"\n` });
    expect(existsSync(file)).toBe(false);
  });

  it('exits 1 for a file that is not a project', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'just some text, long enough to look like a file header, honestly.\n');
    const result = await run('validate', file);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`error: ${file} is not a Landfall project file\n`);
  });
});

describe('landfall export', () => {
  it('writes the canonical document to standard output', async () => {
    const file = await imported();
    const result = await run('export', file);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toBe(withStore(file, (store) => store.exportDocument()));
    expect(JSON.parse(result.out)).toMatchObject({ format: 'landfall-project', name: 'Every kind' });
  });

  it('writes to a file with -o', async () => {
    const file = await imported();
    const output = join(dir, 'out.json');
    const result = await run('export', file, '-o', output);
    expect(result).toEqual({ code: 0, out: `exported ${file} to ${output}\n`, err: '' });
    expect(readFileSync(output, 'utf8')).toBe(withStore(file, (store) => store.exportDocument()));
  });

  it('exits 1 for a missing project', async () => {
    const result = await run('export', join(dir, 'missing.landfall'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('no project at');
  });
});

describe('landfall import', () => {
  it('creates a project from a document and exits 0', async () => {
    const file = join(dir, 'every.landfall');
    const result = await run('import', FIXTURE, file);
    expect(result).toEqual({ code: 0, out: `imported ${FIXTURE} into ${file} (10 connections, 8 entities, 7 extracts)\n`, err: '' });
    // Export of the import is the document again, as the round trip through the CLI.
    const exported = join(dir, 'again.json');
    expect((await run('export', file, '-o', exported)).code).toBe(0);
    expect((await run('import', exported, join(dir, 'again.landfall'))).code).toBe(0);
    expect((await run('export', join(dir, 'again.landfall'))).out).toBe(readFileSync(exported, 'utf8'));
  });

  it('exits 1 for an invalid document, lists the problems and writes no file', async () => {
    const document = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { entities: { name: string; warehouse: string }[] };
    document.entities[0]!.warehouse = 'nowhere';
    const json = join(dir, 'broken.json');
    writeFileSync(json, JSON.stringify(document));
    const file = join(dir, 'broken.landfall');
    const result = await run('import', json, file);
    expect(result.code).toBe(EXIT.failed);
    expect(result.err).toContain(`${json} is not a valid project document; nothing was imported`);
    expect(result.err).toContain(`  - entity "${document.entities[0]!.name}", warehouse: no connection is named "nowhere"`);
    expect(existsSync(file)).toBe(false);
  });

  it('exits 1 for text that is not JSON', async () => {
    const json = join(dir, 'broken.json');
    writeFileSync(json, '{ "format": "landfall-project", ');
    const file = join(dir, 'broken.landfall');
    const result = await run('import', json, file);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${json}: is not valid JSON`);
    expect(existsSync(file)).toBe(false);
  });

  it('exits 1 for a missing document', async () => {
    const json = join(dir, 'nothing.json');
    const result = await run('import', json, join(dir, 'x.landfall'));
    expect(result).toEqual({ code: 1, out: '', err: `error: no document at ${json}\n` });
    expect(existsSync(join(dir, 'x.landfall'))).toBe(false);
  });

  it('refuses an existing project without --replace, and replaces it with --replace', async () => {
    const file = await imported();
    const before = withStore(file, (store) => store.exportDocument());
    const demoFile = join(dir, 'demo', 'sales.landfall');
    expect((await run('new', demoFile, '--demo', '--anchor-date', '2026-06-30')).code).toBe(0);
    const demoJson = join(dir, 'demo.json');
    expect((await run('export', demoFile, '-o', demoJson)).code).toBe(0);

    const refused = await run('import', demoJson, file);
    expect(refused).toEqual({ code: 1, out: '', err: `error: ${file} already exists; pass --replace to replace its design\n` });
    expect(withStore(file, (store) => store.exportDocument())).toBe(before);

    const replaced = await run('import', demoJson, file, '--replace');
    expect(replaced.code).toBe(0);
    expect(withStore(file, (store) => store.exportDocument())).toBe(readFileSync(demoJson, 'utf8'));
  });
});

describe('landfall list', () => {
  it('lists connections and entities with their extract pattern', async () => {
    const file = join(dir, 'demo', 'sales.landfall');
    expect((await run('new', file, '--demo', '--anchor-date', '2026-06-30')).code).toBe(0);
    const result = await run('list', file);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const lines = result.out.split('\n');
    expect(lines[0]).toBe('Project: sales');
    expect(lines[1]).toBe('Batch: 4 entities in parallel');
    expect(lines).toContain('  lake       localfs');
    expect(lines).toContain('  warehouse  duckdb');
    expect(result.out).toMatch(/ {2}customer +7 columns {2}→ warehouse {2}full from sales customers → lake \(parquet\+zstd, 128 MB files\)/);
    expect(result.out).toMatch(/sales_order +5 columns .* incremental from sales orders/);
    expect(result.out).toMatch(/sales_order_line +7 columns .* dateRange from sales query → lake \(csv\+zstd/);
  });

  it('shows entities without an extract and files sources', async () => {
    const file = await imported();
    const result = await run('list', file);
    expect(result.out).toMatch(/calendar +1 columns {2}→ legacy {2}no extract/);
    expect(result.out).toMatch(/payroll .* multiWildCardFile from drop files payroll_\*\.csv → drop \(csv, 128 MB files\)/);
    expect(result.out).toMatch(/account .* changeTracking from crm dbo\.Accounts → lake \(parquet\+gzip, 256 MB files\)/);
  });

  it('says (none) for an empty project', async () => {
    const file = join(dir, 'empty.landfall');
    await run('new', file);
    const result = await run('list', file);
    expect(result.out).toBe('Project: empty\nBatch: 4 entities in parallel\n\nConnections:\n  (none)\n\nEntities:\n  (none)\n');
  });
});

describe('landfall demo', () => {
  it('creates the demo in a folder once and checks it', async () => {
    const folder = join(dir, 'demo');
    const first = await run('demo', folder);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`created the demo in ${folder}/`);
    expect(first.out).toContain(': valid (3 connections, 4 entities, 4 extracts)');
    const second = await run('demo', folder);
    expect(second.code).toBe(0);
    expect(second.out).not.toContain('created');
    expect(second.out).toContain('Connections:');
  });
});

describe('the command line itself', () => {
  it('exits 2 for an unknown command', async () => {
    const result = await run('frobnicate');
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toContain("unknown command 'frobnicate'");
    expect(result.err).toContain('landfall --help');
  });

  it('exits 2 for a missing argument', async () => {
    const result = await run('validate');
    expect(result.code).toBe(2);
    expect(result.err).toContain("missing required argument 'file'");
    expect((await run('import', FIXTURE)).code).toBe(2);
  });

  it('exits 2 for an unknown option', async () => {
    const file = join(dir, 'x.landfall');
    const result = await run('new', file, '--demoo');
    expect(result.code).toBe(2);
    expect(result.err).toContain("unknown option '--demoo'");
    expect(existsSync(file)).toBe(false);
  });

  it.each([['sql', 'x.landfall', 'entity'], ['run', 'x.landfall']])('exits 2 for a --batch-date that is not a calendar day (%s)', async (...argv) => {
    const result = await run(...argv, '--batch-date', '2026-02-30');
    expect(result).toEqual({ code: EXIT.usage, out: '', err: 'error: --batch-date: batch date "2026-02-30" is not a day of the calendar\n' });
  });

  it('exits 2 for a surplus argument', async () => {
    const result = await run('list', 'a', 'b');
    expect(result.code).toBe(2);
    expect(result.err).toContain('too many arguments');
  });

  it('prints help with exit 0', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: landfall');
    for (const command of ['new', 'validate', 'export', 'import', 'list', 'demo']) expect(result.out).toMatch(new RegExp(`\\n {2}${command}\\b`));
  });

  it('prints help for "help <command>" with exit 0', async () => {
    const result = await run('help', 'import');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: landfall import [options] <json> <file>');
  });

  it('exits 2 with the help on standard error when no command is given', async () => {
    const result = await run();
    expect(result.code).toBe(EXIT.usage);
    expect(result.out).toBe('');
    expect(result.err).toContain('Usage: landfall');
  });

  it('prints the version with exit 0', async () => {
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run('--version')).toEqual({ code: 0, out: `${packageJson.version}\n`, err: '' });
  });

  it('exits 0, 1 and 2 as a real process', () => {
    const bin = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, ['bin/landfall.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

    const file = join(dir, 'spawned.landfall');
    const created = bin('new', file);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toBe(`created ${file}\n`);
    expect(existsSync(file)).toBe(true);

    const valid = bin('validate', file);
    expect(valid.status).toBe(0);
    expect(valid.stdout).toContain(': valid (0 connections, 0 entities, 0 extracts)');

    const missing = bin('validate', join(dir, 'missing.landfall'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('error: no project at');

    const usage = bin('frobnicate');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("unknown command 'frobnicate'");
  });
});
