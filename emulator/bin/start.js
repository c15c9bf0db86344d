#!/usr/bin/env node
// `npm start`: builds what is missing or stale (the H5 app, the cloud functions, the emulator), then runs
// the emulator, which serves the H5 build and prints where to open it and the demo accounts.
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..', '..')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

function run(label, args) {
  const started = Date.now()
  process.stdout.write(`• ${label}…\n`)
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env })
  if (result.status !== 0) {
    console.error(`✗ ${label} failed (exit ${result.status}).`)
    process.exit(result.status || 1)
  }
  process.stdout.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}

const [major] = process.versions.node.split('.').map(Number)
if (major < 20) {
  console.error(`BlueGrid needs Node.js 20 or newer; this is ${process.version}.`)
  process.exit(1)
}

const h5Index = path.join(root, 'dist-h5', 'index.html')
const sourcesChanged = () =>
  Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'config'))) > fs.statSync(h5Index).mtimeMs
if (!fs.existsSync(h5Index) || sourcesChanged()) {
  run('Building the H5 app (first run takes about a minute)', [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'])
}
run('Bundling cloud functions and the emulator', [path.join(root, 'config', 'build-cloud.js'), '--quiet'])

require(path.join(root, '.build', 'emulator.js'))
