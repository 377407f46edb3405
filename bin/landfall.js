#!/usr/bin/env node
// The `landfall` command. Sources are TypeScript, loaded through tsx so the CLI runs from a
// checkout without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/landfall.ts');
process.exitCode = await main(process.argv.slice(2));
