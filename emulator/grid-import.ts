/**
 * `npm run grid:import -- --file F [--data-dir DIR] [--dry-run]`: imports a grid file (GeoJSON, or CSV by its
 * `.csv` extension) into a local emulator data folder (default `.data`, or BLUEGRID_DATA_DIR), with the same
 * checks and report as the `grid.import` action, for every district of the stored tree (there is no caller to
 * scope it to). Run `npm start` once first: it creates the folder's database.
 */
import fs from 'node:fs'
import path from 'node:path'
import { GridStore } from '../cloudfunctions/shared/grid/store'
import { parseImportFile, planGridImport } from '../src/domain/grid/import'
import { configFromEnv } from './config'
import { createEmulatorDb } from './database'

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}

async function run(): Promise<void> {
  const file = option('file')
  if (!file) throw new Error('usage: npm run grid:import -- --file F [--data-dir DIR] [--dry-run]')
  const dryRun = process.argv.includes('--dry-run')
  const config = configFromEnv({
    ...process.env,
    ...(option('data-dir') ? { BLUEGRID_DATA_DIR: option('data-dir') } : {}),
  })
  const dbFile = path.join(config.dataDir, 'bluegrid.sqlite')
  if (!fs.existsSync(dbFile)) throw new Error(`${dbFile} does not exist: run npm start once to create it`)
  const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'geojson'
  const parsed = parseImportFile(format, fs.readFileSync(file, 'utf8'))
  if (parsed.error) throw new Error(parsed.error)
  const emulator = createEmulatorDb({ file: dbFile, env: config.envId })
  try {
    const store = new GridStore(emulator.db, () => new Date())
    const { writes, ...report } = planGridImport(parsed.features, await store.fresh(), 'any')
    if (!dryRun && writes.length > 0)
      await store.applyImport(writes, { actor: 'cli', at: new Date().toISOString(), format, ...report })
    console.log(JSON.stringify({ ...report, dryRun }, null, 2))
  } finally {
    emulator.close()
  }
}

run().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
