// Before any test: the emulator's function host runs the deployable bundles and the native test mounts the
// real weapp output, so both are built here when missing or stale (a fresh clone builds them once).
const { buildCloud, ensureTaroBuild } = require('./ensure-builds')

module.exports = async function globalSetup() {
  const log = (line) => process.stderr.write(line + '\n')
  buildCloud(log)
  ensureTaroBuild('weapp', log)
}
