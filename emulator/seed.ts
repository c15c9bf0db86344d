import type { Db } from '@cloudbase/database'
import type { SubmitCaseInput } from '../src/domain/contract'
import { collections } from '../cloudfunctions/shared/app'
import { firstOf } from '../cloudfunctions/shared/db/results'
import { caseIdFor } from '../cloudfunctions/shared/cases/handlers/reports'
import { demoAccounts, demoUser } from './demo/accounts'
import { demoGridNodes, demoPoints } from './demo/grids'
import { demoPhotoPng } from './demo/photo'
import { demoSites } from './demo/sites'
import type { FunctionHost } from './function-host'
import type { LocalStorage } from './storage'

interface DemoCase {
  reporter: string
  requestId: string
  input: Omit<SubmitCaseInput, 'requestId' | 'photos'>
  hue: [number, number, number]
  claimBy?: string
}

/** A handful of cases in different states; fixed request ids make re-seeding a no-op. */
const demoCases: DemoCase[] = [
  {
    reporter: 'demo-resident',
    requestId: 'demo-seed-0001',
    input: {
      categoryId: 'construction-site',
      checkId: 'construction-truck-unwashed',
      description: '工地出口的渣土车没有冲洗就上路，路面全是泥',
      location: demoPoints.yingyueRoadGrid1,
      address: '映月路与航海东路交叉口东北角工地',
    },
    hue: [190, 170, 140],
  },
  {
    reporter: 'demo-resident-2',
    requestId: 'demo-seed-0002',
    input: {
      categoryId: 'open-burning',
      checkId: 'burning-garbage',
      description: '小区后面空地有人焚烧垃圾，烟很大',
      location: {
        lng: demoPoints.yingyueRoadGrid1.lng + 0.0004,
        lat: demoPoints.yingyueRoadGrid1.lat - 0.0003,
      },
      anonymous: true,
    },
    hue: [160, 160, 170],
    claimBy: 'demo-grid-member',
  },
  {
    reporter: 'demo-volunteer',
    requestId: 'demo-seed-0003',
    input: {
      categoryId: 'open-air-barbecue',
      checkId: 'barbecue-street-stall',
      description: '夜市路边烧烤摊占道经营，油烟直排',
      location: demoPoints.yingyueRoadGrid1,
      channel: 'resident',
    },
    hue: [200, 150, 120],
  },
  {
    reporter: 'demo-grid-member',
    requestId: 'demo-seed-0004',
    input: {
      categoryId: 'road-dust',
      checkId: 'road-spill',
      description: '道路中间有渣土遗撒，不属于任何社区网格的主干道路段',
      location: demoPoints.streetOnly,
      channel: 'patrol',
    },
    hue: [170, 160, 150],
  },
]

export interface SeedReport {
  grids: number
  users: number
  cases: number
}

/**
 * Loads the demo grid tree, accounts and cases. Idempotent: grids are overwritten with the shipped
 * version, accounts are added only when missing (their points survive), and cases go through the real
 * api function with fixed request ids, so a second run changes nothing.
 */
export async function seedDemoData(
  db: Db,
  host: FunctionHost,
  storage: LocalStorage,
  now: Date,
  options: { people?: boolean } = {},
): Promise<SeedReport> {
  const grids = db.collection(collections.gridNode)
  for (const node of demoGridNodes) {
    const { _id, ...fields } = node
    await grids.doc(_id).set(fields)
  }
  // Without the demo people the district has no office yet: the bootstrap code makes the first.
  if (options.people === false) return { grids: demoGridNodes.length, users: 0, cases: 0 }

  const users = db.collection(collections.user)
  let addedUsers = 0
  for (const account of demoAccounts) {
    if (firstOf(await users.doc(account.openid).get())) continue
    await users.add(demoUser(account))
    addedUsers += 1
  }

  let addedCases = 0
  for (const demo of demoCases) {
    // Already seeded: the case id is derived from reporter and request id, as for any retried submit.
    if (firstOf(await db.collection(collections.case).doc(caseIdFor(demo.reporter, demo.requestId)).get()))
      continue
    // As the app does: upload into the reporter's folder, register the upload, then report with it.
    const photo = storage.upload(demoPhotoPng(320, 240, demo.hue), demo.reporter, now)
    const registered = (await host.invoke(
      'api',
      { action: 'photo.register', payload: { fileID: photo.fileID } },
      { openid: demo.reporter },
    )) as { ok: boolean; error?: unknown }
    if (!registered.ok) throw new Error(`seeding a demo photo failed: ${JSON.stringify(registered.error)}`)
    const result = (await host.invoke(
      'api',
      {
        action: 'case.submit',
        payload: { ...demo.input, requestId: demo.requestId, photos: [photo.fileID] },
      },
      { openid: demo.reporter },
    )) as { ok: boolean; data?: { case: { id: string }; replayed: boolean }; error?: unknown }
    if (!result.ok || !result.data)
      throw new Error(`seeding a demo case failed: ${JSON.stringify(result.error)}`)
    if (!result.data.replayed) addedCases += 1
    if (demo.claimBy) {
      await host.invoke(
        'api',
        { action: 'case.claim', payload: { caseId: result.data.case.id } },
        { openid: demo.claimBy },
      )
    }
  }
  // The register: a few sites, and the first demo case filed under the site it was reported at (a second
  // seed finds both done: the sites replay by request id, the link is refused as made).
  const siteIds: string[] = []
  for (const site of demoSites) {
    const result = (await host.invoke(
      'api',
      { action: 'site.create', payload: site },
      { openid: 'demo-air-office' },
    )) as { ok: boolean; data?: { site: { id: string } }; error?: unknown }
    if (!result.ok || !result.data)
      throw new Error(`seeding a demo site failed: ${JSON.stringify(result.error)}`)
    siteIds.push(result.data.site.id)
  }
  const firstCase = caseIdFor(demoCases[0]!.reporter, demoCases[0]!.requestId)
  await host.invoke(
    'api',
    { action: 'case.linkSite', payload: { caseId: firstCase, siteId: siteIds[0] } },
    { openid: 'demo-grid-member' },
  )
  return { grids: demoGridNodes.length, users: addedUsers, cases: addedCases }
}
