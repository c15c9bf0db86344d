#!/usr/bin/env node
// `npm start`: builds what is missing or stale (the H5 app, the cloud functions, the emulator), then runs
// the emulator, which serves the H5 build and prints where to open it and the demo accounts.
const path = require('node:path')

const [major] = process.versions.node.split('.').map(Number)
if (major < 20) {
  console.error(`BlueGrid needs Node.js 20 or newer; this is ${process.version}.`)
  process.exit(1)
}

const root = path.resolve(__dirname, '..', '..')
const { buildCloud, ensureTaroBuild } = require(path.join(root, 'config', 'ensure-builds.js'))
try {
  ensureTaroBuild('h5')
  buildCloud()
} catch (error) {
  console.error(`✗ ${error.message}`)
  process.exit(1)
}
require(path.join(root, '.build', 'emulator.js'))
