#!/usr/bin/env node
// `npm test`: provision what the tests need, then typecheck, lint and run the whole suite.
// Fails if any step fails. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { missingPackages } from './system-deps.js';

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
};

function provision() {
  const missing = missingPackages();
  if (missing.length === 0) return true;
  const names = missing.map((pkg) => pkg.name).join(' ');
  if (process.getuid?.() === 0) {
    console.log(`Installing Debian packages the tests need: ${names}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', ...missing.map((p) => p.name)], { env }) !== 0) {
      console.error(`Could not install ${names}. Install them by hand: sudo apt-get install -y ${names}`);
      return false;
    }
    return missingPackages().length === 0;
  }
  console.error('The tests need these Debian packages, which are not installed:');
  for (const pkg of missing) console.error(`  - ${pkg.name}: ${pkg.purpose}`);
  console.error(`Install them with:\n  sudo apt-get install -y ${names}\nthen run npm test again.`);
  return false;
}

if (!provision()) process.exit(1);
if (!existsSync('node_modules/.package-lock.json')) {
  console.log('Installing npm dependencies (npm ci)…');
  if (run('npm', ['ci']) !== 0) process.exit(1);
}

const steps = [
  ['typecheck', 'npx', ['tsc', '-b']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
];
let failed = false;
for (const [name, command, args] of steps) {
  console.log(`\n== ${name}`);
  if (run(command, args) !== 0) {
    console.error(`${name} failed`);
    failed = true;
  }
}

console.log('\n== tests');
mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
let passed = 0;
let failedTests = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failedTests = json.numFailedTests + (json.numRuntimeErrorTests ?? 0);
} catch {
  failedTests = Math.max(failedTests, 1);
}
if (status !== 0 && failedTests === 0) failedTests = 1;
if (passed === 0) failed = true;
console.log(`\n${passed} passed, ${failedTests} failed`);
process.exit(failed || status !== 0 || failedTests > 0 ? 1 : 0);
