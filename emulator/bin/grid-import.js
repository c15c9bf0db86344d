#!/usr/bin/env node
// `npm run grid:import -- --file F [--data-dir DIR] [--dry-run]`: bundles the
// emulator's programs as `npm start` does, then runs the importer (emulator/grid-import.ts).
const path = require('node:path')

const root = path.resolve(__dirname, '..', '..')
const { buildCloud } = require(path.join(root, 'config', 'ensure-builds.js'))
try {
  buildCloud(() => {})
} catch (error) {
  console.error(`✗ ${error.message}`)
  process.exit(1)
}
require(path.join(root, '.build', 'grid-import.js'))
