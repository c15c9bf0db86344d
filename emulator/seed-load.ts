/**
 * `npm run seed:load -- --cases 100000 [--data-dir DIR] [--seed N] [--now ISO] [--force]`: fills an emulator
 * data folder (default `.data`, or BLUEGRID_DATA_DIR, as `npm start` uses) with a district's year of cases
 * over the demo grid tree, written straight into its SQLite file. Refuses a folder that already holds cases
 * unless --force (which replaces the database; uploaded photos stay). The same seed and --now give the same data.
 */
import { trailKeyOf } from './trail-key'
import path from 'node:path'
import { caseStatusLabels, caseStatuses } from '../src/domain/case/status'
import { configFromEnv } from './config'
import { demoPhotoPng } from './demo/photo'
import { photoIdFor, photoPathOf } from '../cloudfunctions/shared/photos/paths'
import { countStoredCases, removeDatabase, writeDistrict } from './load/write'
import { LocalStorage } from './storage'

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? process.argv[index + 1] : undefined
}

function positiveInteger(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback)
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`)
  return value
}

/** The folder as BLUEGRID_DATA_DIR takes it: relative to the repository when inside it. */
function servedDir(dataDir: string): string {
  const relative = path.relative(path.resolve(__dirname, '..'), dataDir)
  return relative && !relative.startsWith('..') ? relative : dataDir
}

function run(): void {
  const cases = positiveInteger('cases', 100_000)
  const seed = positiveInteger('seed', 1)
  const nowOption = option('now')
  // Whole minutes, so the printed --now reproduces the run exactly.
  const present = nowOption ? new Date(nowOption) : new Date(Math.floor(Date.now() / 60_000) * 60_000)
  if (Number.isNaN(present.getTime()))
    throw new Error('--now must be an ISO instant, e.g. 2026-11-30T08:00:00+08:00')
  const config = configFromEnv({
    ...process.env,
    ...(option('data-dir') ? { BLUEGRID_DATA_DIR: option('data-dir') } : {}),
  })
  const file = path.join(config.dataDir, 'bluegrid.sqlite')

  const existing = countStoredCases(file)
  if (existing > 0 && !process.argv.includes('--force')) {
    console.error(
      `${config.dataDir} already holds ${existing.toLocaleString('en')} cases. Add --force to replace its database, or pick another --data-dir.`,
    )
    process.exit(1)
  }
  removeDatabase(file)

  // A few real images in the folder's storage, so the seeded cases show photos in the app. They are written
  // where registered photos' copies go (the demo images carry no metadata), as cases name those.
  const storage = new LocalStorage(config.dataDir, config.envId, config.maxUploadBytes)
  const stored = (png: Buffer, name: string) => storage.put(photoPathOf(photoIdFor(name), 'png'), png).fileID
  const hues: [number, number, number][] = [
    [190, 170, 140],
    [160, 160, 170],
    [200, 150, 120],
    [170, 160, 150],
  ]
  const photos = {
    reports: hues.map((hue) => stored(demoPhotoPng(320, 240, hue), `seed-load:${hue.join(',')}`)),
    fixes: [stored(demoPhotoPng(320, 240, [150, 200, 230]), 'seed-load:fix')],
  }

  console.log(
    `Loading ${cases.toLocaleString('en')} cases into ${file} (seed ${seed}, now ${present.toISOString()})`,
  )
  const { summary, seconds } = writeDistrict(
    file,
    { cases, seed, present, photos, trailKey: trailKeyOf(config.dataDir) },
    (line) => console.log(line),
  )
  const width = Math.max(...caseStatuses.map((status) => status.length))
  const lines = [
    '',
    `Made ${summary.cases.toLocaleString('en')} cases with ${summary.events.toLocaleString('en')} events in ${seconds.toFixed(1)} s:`,
    ...caseStatuses.map(
      (status) =>
        `  ${status.padEnd(width)}  ${summary.byStatus[status].toLocaleString('en').padStart(9)}  ${caseStatusLabels[status]}`,
    ),
    `  where they sit now: ${Object.entries(summary.byLevel)
      .filter(([, count]) => count > 0)
      .map(([level, count]) => `${level} ${count.toLocaleString('en')}`)
      .join(', ')}`,
    `People: ${summary.people.total.toLocaleString('en')} (${summary.people.residents.toLocaleString('en')} residents, ${summary.people.volunteers.toLocaleString('en')} volunteers, ${summary.people.staff} staff, the demo accounts among them).`,
    ...(summary.refused > 0
      ? [`Note: the domain refused ${summary.refused} generated acts (they were left out).`]
      : []),
    '',
    `Serve it: BLUEGRID_DATA_DIR=${servedDir(config.dataDir)} npm start`,
  ]
  console.log(lines.join('\n'))
}

try {
  run()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
