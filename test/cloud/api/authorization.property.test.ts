import fc from 'fast-check'
import { decideContext } from '../../../cloudfunctions/shared/cases/act'
import { actorOf, storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { caseActKeys, caseActionOf, caseActs, type CaseActKey } from '../../../src/domain/case/act-table'
import { decide, type CaseAct } from '../../../src/domain/case/decide'
import type { CaseRecord } from '../../../src/domain/case/record'
import { caseAccess, publicAddress, publicNoteEvents, shownPhotos } from '../../../src/domain/case/visibility'
import { photoIdOf } from '../../../cloudfunctions/shared/photos/paths'
import { actions, type ActionName } from '../../../src/domain/contract'
import { districtUnits, isStaff, roles, type Role, type User } from '../../../src/domain/people/roles'
import { coarsen } from '../../../src/domain/shared/geo'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { validPayloads, type Ids } from '../../factories/payloads'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { claimAndRectify, people, report, walkToVerified } from '../cases/lifecycle/walk'

/*
 * Authorization as a property, over role × action × scope: an account of any role, placed in any grid (or
 * none), reads or acts on cases in every state and place. Through the api, an act succeeds exactly when the
 * domain's one decision (decide(), on the case as it stood just before) allows it, and is refused with the
 * decision's own code otherwise; a read answers with exactly what the visibility decision (caseAccess) lets
 * this viewer see, and nothing it hides: no exact place, address, reporter, photos or private notes.
 */

const runs = Number(process.env.AUTHZ_RUNS ?? 120)
const seed = Number(process.env.AUTHZ_SEED ?? 20261202)

/** Where the account works: a block, its community and street, the district, another district, or nowhere. */
const scopes = [
  [],
  [demoGridIds.yingyueRoadGrid1],
  [demoGridIds.yingyueRoadGrid2],
  [demoGridIds.yingyueRoad],
  [demoGridIds.hanghaiEastRoad],
  [demoGridIds.guancheng],
  [demoGridIds.wutong],
  [demoGridIds.gaoxin],
] as const

/** The plain acts: the handler only builds the act from the input and lets the domain decide it. */
const plainActs = caseActKeys.filter((key) => 'toAct' in caseActs[key]) as Exclude<
  CaseActKey,
  'attachHandlers' | 'merge'
>[]

const probe = 'authz-probe'

describe('authorization over role × action × scope, through the api', () => {
  let world: TestWorld
  let caseIds: string[]
  let ids: Ids

  beforeAll(async () => {
    world = await createTestWorld()
    // Cases in every stage and place: new, anonymous, claimed and followed, fixed, verified, in another district.
    const fresh = await report(world)
    const anonymous = await report(world, { by: people.resident2, anonymous: true })
    const claimed = await report(world, { by: people.resident2 })
    await world.ok(people.member, 'case.claim', { caseId: claimed.id })
    await world.ok(people.volunteer, 'case.join', { caseId: claimed.id })
    const fixed = await report(world)
    await claimAndRectify(world, fixed.id)
    const verified = await report(world, { by: people.resident2 })
    await walkToVerified(world, verified.id)
    const elsewhere = await report(world, { at: demoPoints.wutongKexueAvenue })
    caseIds = [fresh, anonymous, claimed, fixed, verified, elsewhere].map((view) => view.id)
    // The site acts are not plain acts: test/cloud/sites covers who may link a case to a site.
    ids = {
      caseId: fresh.id,
      otherCaseId: anonymous.id,
      upload: world.upload(probe),
      siteId: '',
      siteSheet: '',
    }
  })
  afterAll(() => world.close())

  /** Makes the probe account this role in these grids, as an office would have set it up. */
  async function become(role: Role, gridIds: readonly string[], unit: number): Promise<User> {
    const { tree } = await storesFor(world.runtime).grids.index()
    const districtId = gridIds
      .map((gridId) => tree.lineage(gridId).find((node) => node.level === 'district')?._id)
      .find(Boolean)
    const user: User = {
      _id: probe,
      openid: probe,
      nickname: '测试账号',
      role,
      gridIds: [...gridIds],
      points: 0,
      ...(districtId ? { districtId } : {}),
      ...(role === 'district_office' ? { districtUnit: districtUnits[unit % districtUnits.length]! } : {}),
    }
    const { _id, ...fields } = user
    await world.db.collection('user').doc(_id).set(fields)
    return user
  }

  const caseNow = async (caseId: string) => (await storesFor(world.runtime).cases.get(caseId)) as CaseRecord

  it('lets an act through exactly when the domain decides it may be done, refusing with its code', async () => {
    const tally = { allowed: 0, refused: 0 }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...roles),
        fc.constantFrom(...scopes),
        fc.nat(),
        fc.constantFrom(...caseIds),
        fc.constantFrom(...plainActs),
        async (role, gridIds, unit, caseId, key) => {
          const user = await become(role, gridIds, unit)
          const action = caseActionOf(key) as ActionName
          const payload = { ...(validPayloads[action](ids) as object), caseId }
          const record = await caseNow(caseId)
          const { tree } = await storesFor(world.runtime).grids.index()
          // The photo placeholder becomes the caller's own upload on the way in; what it names decides nothing.
          const photos = (payload as { photos?: unknown[] }).photos
          const input = actions[action].input.parse(
            photos ? { ...payload, photos: photos.map(() => 'cloud://bluegrid-test.bucket/p.jpg') } : payload,
          )
          const act = (caseActs[key] as unknown as { toAct: (input: unknown) => CaseAct }).toAct(input)
          const expected = decide(
            record,
            act,
            { ...actorOf(user), nickname: user.nickname },
            decideContext(world.runtime.settings, tree, world.clock.now),
          )
          const answer = await world.call(probe, action, payload)
          if (expected.ok) {
            tally.allowed += 1
            expect(answer).toMatchObject({ ok: true })
          } else {
            tally.refused += 1
            expect(answer).toMatchObject({ ok: false, error: { code: expected.code } })
            expect(await caseNow(caseId)).toEqual(record)
          }
        },
      ),
      { numRuns: runs, seed },
    )
    // Not vacuous: both answers were seen.
    expect(tally.allowed).toBeGreaterThan(0)
    expect(tally.refused).toBeGreaterThan(0)
  })

  it('shows a case exactly as the visibility decision says, and never what it hides', async () => {
    const relations = new Set<string>()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...roles),
        fc.constantFrom(...scopes),
        fc.nat(),
        fc.constantFrom(...caseIds),
        async (role, gridIds, unit, caseId) => {
          const user = await become(role, gridIds, unit)
          const record = await caseNow(caseId)
          const { tree } = await storesFor(world.runtime).grids.index()
          const access = caseAccess(record, actorOf(user), tree)
          relations.add(access.relation)
          const answer = await world.call(probe, 'case.get', { caseId })
          if (!answer.ok) throw new Error(`case.get refused: ${answer.error.code}`)
          const { case: view, events } = answer.data
          expect(view.view).toBe(access.full ? 'full' : 'summary')
          expect(view.location).toEqual(access.exactPlace ? record.location : coarsen(record.location))
          if (!access.address) expect(view.address).toBe(publicAddress(tree, record.gridId))
          if (!access.reporter) expect(view.reporter).toBeNull()
          // The public sees only photos that passed WeChat's check; the rest, and all act evidence, stay hidden.
          const shown = shownPhotos(record, access, isStaff(actorOf(user).role), photoIdOf)
          expect(view.photos).toHaveLength(shown.length)
          if (!access.photos) for (const event of events) expect(event.evidence).toEqual([])
          if (!access.jointHandlers) expect(view.jointHandlers).toEqual([])
          if (!access.allNotes) {
            for (const event of events) if (!publicNoteEvents.has(event.type)) expect(event.note).toBe('')
          }
          // Nothing hidden is anywhere in the answer, in whatever field.
          const text = JSON.stringify(answer.data)
          const coarse = coarsen(record.location)
          if (!access.exactPlace && coarse.lng !== record.location.lng)
            expect(text).not.toContain(String(record.location.lng))
          if (!access.reporter) {
            expect(text).not.toContain(record.reporterId)
            expect(text).not.toContain(record.reporterNickname)
          }
          if (!access.photos) for (const photo of record.photos) expect(text).not.toContain(photo)
        },
      ),
      { numRuns: runs, seed: seed + 1 },
    )
    expect([...relations].sort()).toEqual(expect.arrayContaining(['district', 'grid-staff', 'none']))
  })
})
