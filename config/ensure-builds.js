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
  // Always the production build: under jest NODE_ENV is 'test', which would switch babel.config.js away
  // from Taro's preset and test an app that is never shipped.
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
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

const nativeComponentsOut = path.join(root, 'test/native/.build/components')
/** Written after a successful native-components build: Taro empties the output folder when it starts. */
const nativeComponentsMarker = path.join(nativeComponentsOut, '.built')

/**
 * Builds the native-component wrappers of the native component tests (`taro build native-components --type
 * weapp`, entries in test/native/components/src, output in test/native/.build/components) when missing or older
 * than src/, config/ or the wrappers. Quiet unless it fails. A lock folder keeps two jest runs from building into
 * the same folder at once: the second waits for the first and then finds the build fresh.
 */
function ensureNativeComponentsBuild(log = console.log) {
  const sourcesTime = () =>
    Math.max(
      newestMtime(path.join(root, 'src')),
      newestMtime(path.join(root, 'config')),
      newestMtime(path.join(root, 'test/native/components/src')),
    )
  const fresh = () =>
    fs.existsSync(nativeComponentsMarker) && fs.statSync(nativeComponentsMarker).mtimeMs >= sourcesTime()
  if (fresh()) return
  const lock = `${nativeComponentsOut}.lock`
  fs.mkdirSync(path.dirname(lock), { recursive: true })
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      fs.mkdirSync(lock)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      // A lock older than any build is left over from a killed run.
      if (Date.now() - fs.statSync(lock).mtimeMs > 180_000 || Date.now() > deadline)
        fs.rmSync(lock, { recursive: true, force: true })
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
  }
  try {
    if (fresh()) return
    const started = Date.now()
    log('• Building the native components for the component tests (taro build native-components)…')
    const args = [require.resolve('@tarojs/cli/bin/taro'), 'build', 'native-components', '--type', 'weapp']
    const result = spawnSync(process.execPath, args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (result.status !== 0 || !fs.existsSync(path.join(nativeComponentsOut, 'taro.js'))) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(
        new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'),
        '',
      )
      throw new Error(`taro build native-components failed (exit ${result.status}):\n${output.slice(-4000)}`)
    }
    fs.writeFileSync(nativeComponentsMarker, new Date().toISOString())
    log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

function buildCloud(log = console.log) {
  run(
    'Bundling cloud functions and the emulator',
    [path.join(root, 'config', 'build-cloud.js'), '--quiet'],
    log,
  )
}

/**
 * Runs one of the emulator's bundled programs (`.build/<name>.js`) after bringing the bundles up to date, as
 * `npm start` does; a failed build ends the process with its message.
 */
function runBundled(name) {
  try {
    buildCloud(() => {})
  } catch (error) {
    console.error(`✗ ${error.message}`)
    process.exit(1)
  }
  require(path.join(root, '.build', `${name}.js`))
}

module.exports = { ensureTaroBuild, ensureNativeComponentsBuild, nativeComponentsOut, buildCloud, runBundled }
