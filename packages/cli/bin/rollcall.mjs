#!/usr/bin/env node
// The installed `rollcall` binary: the CLI is TypeScript run through tsx, registered from this package so it
// works from any directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
