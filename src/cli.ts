#!/usr/bin/env node
// The `pivot` command (see cli/main.ts); the exit code is set rather than forced, so output is flushed first.
import { main } from './cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
