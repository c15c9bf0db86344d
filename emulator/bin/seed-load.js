#!/usr/bin/env node
// `npm run seed:load -- --cases 100000 [--data-dir DIR] [--seed N] [--now ISO] [--force]`: bundles
// emulator/seed-load.ts (packages stay in node_modules, as for the emulator) and runs it.
const path = require('node:path')
const esbuild = require('esbuild')

const root = path.resolve(__dirname, '..', '..')
const outfile = path.join(root, '.build', 'seed-load.js')
esbuild
  .build({
    entryPoints: [path.join(root, 'emulator', 'seed-load.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  })
  .then(() => require(outfile))
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
