import { handleIntakeEvent } from '../../../cloudfunctions/shared/app'
import type { HttpResponse } from '../../../cloudfunctions/shared/intake/http'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { shippedSettings } from '../../../src/domain/settings'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { httpEventOf, signedReading } from '../../factories/stations'

const office = 'demo-air-office'

describe("the district office's list of its monitoring stations (station.list)", () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld({
      settings: { monitoring: { ...shippedSettings.monitoring, durationMinutes: 0 } },
    })
  })
  afterEach(() => world.close())

  const register = async (stationId: string, name: string) => {
    const answer = await world.ok(office, 'station.register', {
      stationId,
      name,
      location: demoPoints.yingyueRoadGrid1,
    })
    world.clock.advanceMinutes(1)
    return answer
  }

  it('lists the stations newest first, page by page, with the fingerprint and never the secret', async () => {
    const first = await register('st-list-1', '一号监测点')
    await register('st-list-2', '二号监测点')
    const third = await register('st-list-3', '三号监测点')

    const page1 = await world.ok(office, 'station.list', { page: 1, pageSize: 2 })
    expect(page1.items.map((station) => station.id)).toEqual(['st-list-3', 'st-list-2'])
    expect(page1).toMatchObject({ hasMore: true, total: null })
    expect(page1.items[0]).toMatchObject({
      name: '三号监测点',
      grid: { id: demoGridIds.yingyueRoadGrid1 },
      registeredAt: third.station.registeredAt,
      caseId: null,
    })
    expect(page1.items[0]!.secretFingerprint).toMatch(/^[0-9a-f]{12}$/)
    expect(JSON.stringify(page1)).not.toContain(third.secret)

    const page2 = await world.ok(office, 'station.list', { page: 2, pageSize: 2 })
    expect(page2.items.map((station) => station.id)).toEqual(['st-list-1'])
    expect(page2).toMatchObject({ hasMore: false, total: 3 })
    expect(JSON.stringify(page2)).not.toContain(first.secret)
  })

  it("names the case of a station's open episode, whose curve then opens", async () => {
    const { secret } = await register('st-list-episode', '映月路监测点')
    const body = {
      stationId: 'st-list-episode',
      at: world.clock.now.toISOString(),
      pm25: 60,
      pm10: 230,
    }
    const response = (await handleIntakeEvent(
      world.runtime,
      httpEventOf(signedReading(secret, body, { now: world.clock.now })),
    )) as HttpResponse
    expect(response.statusCode).toBe(200)

    const [station] = (await world.ok(office, 'station.list', {})).items
    expect(station!.caseId).toEqual(expect.any(String))
    const episode = await world.ok(office, 'station.episode', { caseId: station!.caseId! })
    expect(episode).toMatchObject({
      station: { id: 'st-list-episode', name: '映月路监测点' },
      closedAt: null,
    })
  })

  it('is for the district office only', async () => {
    await register('st-list-private', '一号监测点')
    for (const openid of ['demo-grid-leader-1', 'demo-resident']) {
      expect(await world.call(openid, 'station.list', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: '只有区级办公室可以查看监测站点' },
      })
    }
  })
})
