#!/usr/bin/env node
// `npm run seed:load -- --cases 100000 [--data-dir DIR] [--seed N] [--now ISO] [--force]`: bundles the
// emulator's programs as `npm start` does, then runs the loader (emulator/seed-load.ts).
const path = require('node:path')

const root = path.resolve(__dirname, '..', '..')
const { buildCloud } = require(path.join(root, 'config', 'ensure-builds.js'))
try {
  buildCloud(() => {})
} catch (error) {
  console.error(`✗ ${error.message}`)
  process.exit(1)
}
require(path.join(root, '.build', 'seed-load.js'))
