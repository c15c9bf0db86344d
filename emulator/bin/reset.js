#!/usr/bin/env node
// `npm run reset`: wipes the emulator's data folder (database and uploaded photos); the next start re-seeds.
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..', '..')
const dataDir = path.resolve(root, process.env.BLUEGRID_DATA_DIR || '.data')
if (dataDir === root || !dataDir.startsWith(root + path.sep)) {
  if (!process.argv.includes('--force')) {
    console.error(
      `Refusing to delete ${dataDir}: it is not inside the repository (add --force if you mean it).`,
    )
    process.exit(1)
  }
}
fs.rmSync(dataDir, { recursive: true, force: true })
console.log(`Wiped ${dataDir}. The next npm start seeds the demo data again.`)
