// Control characters from outside (a server's error, a file name, a source's text) reach the
// terminal escaped: `landfall` runs end to end on the demo with an extract whose error carries
// ESC and BEL sequences, on a terminal and off one, and a command that fails on such a file name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemo } from '../app/demo/create-demo.ts';
import { ProjectStore } from '../app/store/project-store.ts';
import { EXIT, main, type CliIo } from './landfall.ts';
import { terminalText } from './terminal-text.ts';

/** Retitles the window, rings, clears the screen and moves the cursor up: what an attacker would send. */
const HOSTILE = '\x1b]0;pwned\x07\x1b[2J\x1b[1A\r\u202e';
const SHOWN = '\\x1b]0;pwned\\x07\\x1b[2J\\x1b[1A\\x0d\\u202e';
// eslint-disable-next-line no-control-regex -- what must not reach the terminal raw
const RAW = /[\x07\x1b\r\u202e]/;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-terminal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function landfall(tty: boolean, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => void (out += text), err: (text) => void (err += text), tty };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('terminalText', () => {
  it('escapes C0 and C1 controls, DEL and bidi overrides; keeps text, tabs and newlines unless one line is asked for', () => {
    expect(terminalText(`a${HOSTILE}b`)).toBe(`a${SHOWN}b`);
    expect(terminalText('\x00\x7f\x9b\u2066é 日本')).toBe('\\x00\\x7f\\x9b\\u2066é 日本');
    expect(terminalText('one\ttwo\nthree')).toBe('one\ttwo\nthree');
    expect(terminalText('one\ttwo\nthree', { oneLine: true })).toBe('one\\x09two\\x0athree');
  });
});

describe('landfall prints errors with their control characters escaped', () => {
  /** The demo, its customer extract reading a table whose name carries the hostile sequence. */
  async function hostileDemo(): Promise<string> {
    const file = join(dir, 'demo', 'sales.landfall');
    const store = await createDemo(file, { anchorDate: '2026-06-30' });
    try {
      const extract = store.getExtract('customer')!;
      store.saveExtract({ ...extract, source: { kind: 'query', connection: 'sales', sql: `SELECT * FROM "gone${HOSTILE}"` } });
    } finally {
      store.close();
    }
    return file;
  }

  it('on plain output: the entity line, the summary and the history show the failure escaped', async () => {
    const file = await hostileDemo();
    const result = await landfall(false, 'run', file, '--entities', 'customer', '--batch-date', '2026-06-30');
    expect(result.code).toBe(EXIT.failed);
    expect(result.out).not.toMatch(RAW);
    expect(result.err).not.toMatch(RAW);
    const failure = result.out.split('\n').find((line) => line.startsWith('customer: failed'));
    expect(failure).toContain(`gone${SHOWN}`);
    expect(result.out.split('\n').filter((line) => line.includes(`gone${SHOWN}`)).length).toBe(2);
    // The history keeps the server's words as they were; `landfall runs show` escapes them too.
    const store = ProjectStore.open(file);
    const [run] = store.listRuns();
    store.close();
    expect(run!.entities[0]!.error).toContain(`gone${HOSTILE}`);
    const shown = await landfall(false, 'runs', 'show', file, run!.id);
    expect(shown.out).toContain(`gone${SHOWN}`);
    expect(shown.out).not.toMatch(RAW);
  });

  it('on a terminal: only the progress redraw\'s own sequences are raw', async () => {
    const file = await hostileDemo();
    const result = await landfall(true, 'run', file, '--entities', 'customer', '--batch-date', '2026-06-30');
    expect(result.code).toBe(EXIT.failed);
    // The redraw writes ESC [2K and ESC [nA itself; nothing else may carry an ESC, BEL or CR.
    // eslint-disable-next-line no-control-regex -- the redraw's own escape sequences
    const own = result.out.replaceAll(/\x1b\[2K|\x1b\[\d+A\r/g, '');
    expect(own).not.toMatch(RAW);
    expect(result.out).toContain(`gone${SHOWN}`);
  });

  it('a failing command names a hostile file name escaped', async () => {
    const result = await landfall(false, 'list', join(dir, `x${HOSTILE}.landfall`));
    expect(result.code).toBe(EXIT.failed);
    expect(result.err).toContain(`x${SHOWN}.landfall`);
    expect(result.err).not.toMatch(RAW);
  });
});
