#!/usr/bin/env node
// `npm run demo`: the main job on the embedded default. Creates demo/ if absent, then checks it.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['bin/landfall.js', 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
