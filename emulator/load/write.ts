import fs from 'node:fs'
import { collections, declaredIndexes } from '../../cloudfunctions/shared/app'
import { createEmulatorDb } from '../database'
import { encodeStored } from '../database/codec'
import { demoGridNodes } from '../demo/grids'
import { relayedCaseDocument } from '../../cloudfunctions/shared/cases/store'
import { generateDistrict, type DistrictOptions, type DistrictSummary, type GeneratedCase } from './district'

const table = (name: string) => `"coll_${name}"`

/** How many cases one transaction writes. */
const batchCases = 2000

/** Cases already in the emulator's database file (0 when there is no file or no case table). */
export function countStoredCases(file: string): number {
  if (!fs.existsSync(file)) return 0
  const { engine, close } = createEmulatorDb({ file })
  try {
    const exists = engine.sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(`coll_${collections.case}`)
    if (!exists) return 0
    return (
      engine.sqlite.prepare(`SELECT count(*) AS n FROM ${table(collections.case)}`).get() as { n: number }
    ).n
  } finally {
    close()
  }
}

/** Removes the database file and its WAL companions. */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
}

export interface LoadReport {
  summary: DistrictSummary
  seconds: number
}

/**
 * Writes a generated district straight into the emulator's SQLite file: the tables and declared indexes as
 * the emulator creates them, documents encoded by the engine's own codec, cases and their events in batched
 * transactions, then the grid tree, the people, the per-day case-number counters and the points job's cursor
 * (set to the present, so the projection starts with new acts instead of replaying the seeded year).
 * Going through the `Db` API would cost one round trip per document, hours for a million events.
 */
export function writeDistrict(
  file: string,
  options: DistrictOptions,
  log: (line: string) => void = () => {},
): LoadReport {
  const started = performance.now()
  const { engine, close } = createEmulatorDb({ file })
  try {
    const sqlite = engine.sqlite
    // A bulk load into a throw-away or fresh file: durability per transaction buys nothing here.
    sqlite.pragma('synchronous = OFF')
    // Room for the pages a million documents' writes touch (the default is 2 MB); given back at close.
    sqlite.pragma('cache_size = -1048576')
    // A rollback journal instead of the write-ahead log while loading: pages new to the file are not
    // journaled, where the log would hold every new index page once more until the end of its transaction
    // (tens of GB at a million cases). The emulator opens the file in WAL mode again.
    sqlite.pragma('journal_mode = DELETE')
    for (const name of Object.values(collections))
      sqlite.exec(`CREATE TABLE IF NOT EXISTS ${table(name)} (_id PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`)
    const insert = (name: string) => sqlite.prepare(`INSERT INTO ${table(name)} (_id, doc) VALUES (?, ?)`)
    const upsert = (name: string) =>
      sqlite.prepare(`INSERT OR REPLACE INTO ${table(name)} (_id, doc) VALUES (?, ?)`)
    const putCase = insert(collections.case)
    const putEvent = insert(collections.caseEvent)
    const put = (statement: ReturnType<typeof insert>, doc: { _id: string }) =>
      statement.run(doc._id, encodeStored(doc as unknown as Record<string, unknown>))

    let pending: GeneratedCase[] = []
    let written = 0
    const flush = () => {
      if (pending.length === 0) return
      sqlite.transaction((batch: GeneratedCase[]) => {
        for (const { record, events } of batch) {
          put(putCase, relayedCaseDocument(record, events))
          // A generated history counts as copied out when it happened.
          for (const event of events) put(putEvent, { ...event, feedAt: event.at } as { _id: string })
        }
      })(pending)
      written += pending.length
      pending = []
      if (written % (batchCases * 10) === 0)
        log(
          `  ${written.toLocaleString('en')} cases written (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        )
    }
    const rest = generateDistrict(options, (generated) => {
      pending.push(generated)
      if (pending.length >= batchCases) flush()
    })
    flush()

    const present = options.present.toISOString()
    sqlite.transaction(() => {
      const grids = upsert(collections.gridNode)
      for (const node of demoGridNodes) put(grids, node)
      const users = upsert(collections.user)
      for (const user of rest.users) put(users, user)
      const counters = upsert(collections.counter)
      for (const [dayKey, value] of rest.counters)
        put(counters, { _id: `case-no-${dayKey}`, value } as { _id: string })
      put(upsert(collections.pointsCursor), {
        _id: 'case-events',
        at: present,
        eventId: '',
        updatedAt: present,
      } as { _id: string })
    })()
    // Declared last, so each index is built in one pass over the stored documents.
    log(`  building the declared indexes… (${((performance.now() - started) / 1000).toFixed(0)} s)`)
    for (const name of new Set(declaredIndexes.map((index) => index.collection)))
      engine.ensureIndexes(
        name,
        declaredIndexes.filter((index) => index.collection === name),
      )
    log(`  indexes built (${((performance.now() - started) / 1000).toFixed(0)} s)`)
    return { summary: rest.summary, seconds: (performance.now() - started) / 1000 }
  } finally {
    close()
  }
}
