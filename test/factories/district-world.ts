import { collections } from '../../cloudfunctions/shared/app'
import { relayedCaseDocument } from '../../cloudfunctions/shared/cases/store'
import { generateDistrict, type GeneratedCase } from '../../emulator/load/district'
import { createTestWorld, testTrailKey, type TestWorld } from './runtime'

/**
 * A test world holding a generated district's half year of cases (the load generator's own stories),
 * stored as the product stores them, with the history in `case_event` as the relay would have copied it
 * out, each event when it happened.
 */
export async function districtWorld(
  cases: number,
): Promise<{ world: TestWorld; events: number; generated: GeneratedCase[] }> {
  const present = new Date('2026-11-28T02:00:00.000Z')
  const world = await createTestWorld({ start: present.toISOString() })
  const generated: GeneratedCase[] = []
  const { users } = generateDistrict({ cases, seed: 11, present, trailKey: testTrailKey }, (item) =>
    generated.push(item),
  )
  const add = async (collection: string, docs: object[]) => {
    for (let start = 0; start < docs.length; start += 100)
      await world.db.collection(collection).add(docs.slice(start, start + 100))
  }
  const demo = new Set(
    ((await world.db.collection(collections.user).limit(1000).get()).data as { _id: string }[]).map(
      (user) => user._id,
    ),
  )
  await add(
    collections.user,
    users.filter((user) => !demo.has(user._id)),
  )
  await add(
    collections.case,
    generated.map(({ record, events }) => relayedCaseDocument(record, events)),
  )
  const events = generated.flatMap((item) => item.events).map((event) => ({ ...event, feedAt: event.at }))
  await add(collections.caseEvent, events)
  return { world, events: events.length, generated }
}
