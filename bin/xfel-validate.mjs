#!/usr/bin/env node
// Runs the TypeScript CLI from a checkout without a build step, through the project's
// type-stripping loader (tsx would re-transform h5wasm's 4 MB glue on every start).
import { register } from 'node:module';

register('../scripts/tsLoaderHooks.mjs', import.meta.url);
await import('../src/cli/validate.ts');
