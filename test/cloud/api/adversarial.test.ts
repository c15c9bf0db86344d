import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { collections } from '../../../cloudfunctions/shared/app'
import { actionNames } from '../../../src/domain/contract'
import { demoAccounts } from '../../../emulator/demo/accounts'
import { canonicalJson } from '../../../cloudfunctions/shared/cases/trail'
import { fuzzIds, malformed, validPayloads, type Ids } from '../../factories/payloads'
import { ownPhoto } from '../../factories/photos'
import { createTestWorld, type TestWorld } from '../../factories/runtime'

/*
 * Adversarial payloads at every action, as an attacker would send them: values of the wrong type, huge
 * strings, deep nesting, awkward unicode, database operator objects, prototype keys, and other people's ids
 * and accounts in every field. Each must be answered with a well-formed envelope (never `internal`), and a
 * refused request must leave the database exactly as it was: no case, event, notification, point or person
 * changed. (What a caller's own rate-limit counters record of an attempt is theirs, and left out.)
 */

const runsPerAction = Number(process.env.FUZZ_RUNS ?? 15)
const seed = Number(process.env.FUZZ_SEED ?? 20261202)
const callers = demoAccounts.map((account) => account.openid)

/** Values nobody fills a form with. */
function hostileValue(ids: Ids): fc.Arbitrary<unknown> {
  const deep = (depth: number, inner: unknown): unknown =>
    depth === 0 ? inner : depth % 2 ? [deep(depth - 1, inner)] : { a: deep(depth - 1, inner) }
  return fc.oneof(
    fc.constantFrom<unknown>(
      'x'.repeat(200_000),
      '\u0000\u202e\u200b\ud800',
      '😀'.repeat(5_000),
      '<script>alert(1)</script>',
      "'; db.dropDatabase(); //",
      -0,
      Number.MAX_SAFE_INTEGER,
      1e308,
      -1,
      true,
      null,
      [],
      {},
      deep(300, 'x'),
      { $gt: '' },
      { $ne: null },
      { $regex: '.*' },
      { $where: 'return true' },
      { $in: [ids.caseId, ids.otherCaseId] },
      { _id: { $exists: true } },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      { constructor: { prototype: { polluted: true } } },
      { toString: 'x', valueOf: 'y', hasOwnProperty: 'z' },
      ids.otherCaseId,
      `${ids.caseId}#0`,
      'demo-district-office',
      'demo-supervisor',
      'cloud://someone-else.bucket/reports/their.jpg',
    ),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.anything({ maxDepth: 4 }),
  )
}

/** A valid payload with one field (or a new one) set to a hostile value, or a hostile value outright. */
function hostilePayloads(valid: () => unknown, ids: Ids): fc.Arbitrary<unknown> {
  const mutated = fc
    .tuple(
      fc.nat(),
      fc.constantFrom('__proto__', 'constructor', 'openid', '_id', 'role', 'x'),
      hostileValue(ids),
    )
    .map(([index, extra, value]) => {
      const payload = { ...(valid() as Record<string, unknown>) }
      const keys = Object.keys(payload)
      const key = keys.length > 0 && index % 3 !== 0 ? keys[index % keys.length]! : extra
      Object.defineProperty(payload, key, { value, enumerable: true, configurable: true, writable: true })
      return payload
    })
  return fc.oneof(mutated, mutated, hostileValue(ids))
}

/** Fields of a user document that count a caller's own attempts (quotas, rate windows). */
const ownCounters = /quota|limit|window/i

/** A digest of every declared collection, as plain scans (a caller's attempt counters left out). */
async function databaseDigest(world: TestWorld): Promise<string> {
  const hash = createHash('sha256')
  for (const name of Object.values(collections).sort()) {
    const rows: Record<string, unknown>[] = []
    for (let offset = 0; ; offset += 1000) {
      const { data } = await world.db.collection(name).skip(offset).limit(1000).get()
      rows.push(...(data as Record<string, unknown>[]))
      if (data.length < 1000) break
    }
    const cleaned = rows
      .map((row) =>
        name === collections.user
          ? Object.fromEntries(Object.entries(row).filter(([field]) => !ownCounters.test(field)))
          : row,
      )
      .map((row) => canonicalJson(row))
      .sort()
    hash.update(name).update('\n').update(cleaned.join('\n'))
  }
  return hash.digest('hex')
}

/** Rows written by any statement on the engine's connection so far, rolled back or not. */
function rowsWritten(world: TestWorld): number {
  return (world.engine.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n
}

// Every action's property sends its payloads one after another, each between two digests of the database
// (a refused call's "after" serving as the next call's "before").
jest.setTimeout(120_000)

describe('the api under attack: hostile payloads at every action', () => {
  let world: TestWorld
  let ids: Ids

  beforeAll(async () => {
    world = await createTestWorld()
    ids = await fuzzIds(world)
    // Each caller's own photo registered before any digest: the registration is the test's, not the call's.
    for (const openid of callers) await world.withPhotos(openid, { photos: [ownPhoto] })
  })
  afterAll(() => world.close())

  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined))
  afterEach(() => jest.restoreAllMocks())

  it.each(actionNames)('%s refuses clearly and changes nothing when it refuses', async (action) => {
    const valid = () => validPayloads[action](ids)
    // The digest a refused call left: nothing runs between two calls, so it is the next call's "before".
    let settled: string | undefined
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callers), hostilePayloads(valid, ids), async (openid, payload) => {
        const before = settled ?? (await databaseDigest(world))
        settled = undefined
        const writesBefore = rowsWritten(world)
        const answer = await world.call(openid, action, payload)
        const problem = malformed(action, answer)
        if (problem)
          throw new Error(
            `${action} as ${openid}: ${problem}\nanswer: ${JSON.stringify(answer).slice(0, 500)}`,
          )
        if (!answer.ok) {
          // No statement wrote a row (not even one rolled back): the database is as it was.
          const after = rowsWritten(world) === writesBefore ? before : await databaseDigest(world)
          if (after !== before)
            throw new Error(
              `${action} as ${openid} was refused (${answer.error.code}) but changed the database`,
            )
          settled = after
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { numRuns: runsPerAction, seed },
    )
  })
})
