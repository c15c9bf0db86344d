// Builds what the tests and `npm start` need when it is missing or older than its sources:
// the cloud-function bundles (always; esbuild takes about a second) and, on request, the weapp or H5 app.
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

function run(label, args, log) {
  const started = Date.now()
  log(`• ${label}…`)
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env })
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status})`)
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

/** Rebuilds a Taro target when its marker file is missing or older than src/ and config/. */
function ensureTaroBuild(type, log = console.log) {
  const marker = path.join(root, type === 'h5' ? 'dist-h5/index.html' : 'dist/app.json')
  const sourcesTime = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'config')))
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sourcesTime) return
  const label = type === 'h5' ? 'Building the H5 app (first run takes about a minute)' : 'Building the weapp'
  run(label, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', type], log)
}

function buildCloud(log = console.log) {
  run('Bundling cloud functions and the emulator', [path.join(root, 'config', 'build-cloud.js'), '--quiet'], log)
}

module.exports = { ensureTaroBuild, buildCloud }
