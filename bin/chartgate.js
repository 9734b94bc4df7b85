#!/usr/bin/env node
// The `chartgate` command: runs the compiled CLI from dist/ (built by `npm install` through the
// prepare script, or `npm run build`). No child process, so signals reach the server directly.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'chartgate.js');
if (!existsSync(entry)) {
  process.stderr.write('chartgate: not built yet; run `npm run build` (npm install runs it)\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
