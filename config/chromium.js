// How BlueGrid starts Debian's chromium for the end-to-end test and the FCP benchmark: playwright cannot
// download its own browser here, and without the background-networking flags chromium keeps trying hosts
// this machine cannot reach.
const fs = require('node:fs')

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function chromiumExecutable() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!fs.existsSync(executablePath)) {
    throw new Error(`No chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH).`)
  }
  return executablePath
}

module.exports = { chromiumArgs, chromiumExecutable }
