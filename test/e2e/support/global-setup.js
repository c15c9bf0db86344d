// The end-to-end run needs the H5 app and the function bundles; build them when missing or stale.
const { buildCloud, ensureTaroBuild } = require('../../../config/ensure-builds')

module.exports = async function globalSetup() {
  const log = (line) => process.stderr.write(line + '\n')
  buildCloud(log)
  ensureTaroBuild('h5', log)
}
