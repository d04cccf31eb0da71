#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so `npx blackbox` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/host/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
