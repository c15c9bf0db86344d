import { handleIntakeEvent } from '../../../cloudfunctions/shared/app'
import type { HttpResponse } from '../../../cloudfunctions/shared/intake/http'
import { countRequests } from '../../../emulator/database'
import { caseIdFor } from '../../../cloudfunctions/shared/cases/handlers/reports'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { episodeIdFor } from '../../../src/domain/intake/episode'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { shippedSettings } from '../../../src/domain/settings'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { httpEventOf, signedReading, type SignedPost } from '../../factories/stations'

const office = 'demo-air-office'
const rules = { ...shippedSettings.monitoring, durationMinutes: 60, recoveryMinutes: 30 }

describe('monitoring stations', () => {
  let world: TestWorld
  let secret: string
  let stationCount = 0
  let stationId: string
  let warn: jest.SpyInstance

  const register = async () => {
    stationCount += 1
    const id = `st-yingyue-${stationCount}`
    const answer = await world.ok(office, 'station.register', {
      stationId: id,
      name: `映月路监测点${stationCount}`,
      location: demoPoints.yingyueRoadGrid1,
    })
    return { id, secret: answer.secret }
  }
  const reading = (values: { pm25?: number; pm10?: number; at?: Date; id?: string } = {}) => ({
    stationId: values.id ?? stationId,
    at: (values.at ?? world.clock.now).toISOString(),
    pm25: values.pm25 ?? 40,
    pm10: values.pm10 ?? 90,
  })
  const over = (id = stationId) => reading({ pm10: 230, pm25: 60, id })
  const post = (body: Record<string, unknown> & { stationId: string }, key = secret) =>
    signedReading(key, body, { now: world.clock.now })
  const send = async (signed: SignedPost, method = 'POST') => {
    const response = (await handleIntakeEvent(world.runtime, httpEventOf(signed, method))) as HttpResponse
    return { status: response.statusCode, body: JSON.parse(response.body) }
  }
  const readingsOf = async (id: string) =>
    (await world.db.collection('station_reading').where({ stationId: id }).count()).total
  const sensorCases = async () => {
    const board = await world.ok(office, 'board.list', { filter: 'all', pageSize: 50 })
    return board.items.filter((item) => item.channel === 'sensor')
  }

  beforeAll(async () => {
    world = await createTestWorld({ settings: { monitoring: rules } })
    ;({ id: stationId, secret } = await register())
  })
  afterAll(() => world.close())
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => warn.mockRestore())

  describe('registering a station', () => {
    it('is for the district office only', async () => {
      const answer = await world.call('demo-grid-leader-1', 'station.register', {
        stationId: 'st-by-leader',
        name: '网格长的站点',
        location: demoPoints.yingyueRoadGrid1,
      })
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    })

    it('routes the station to the grid its place lies in, and answers its secret once', async () => {
      const answer = await world.ok(office, 'station.register', {
        stationId: 'st-routed',
        name: '映月路一号',
        location: demoPoints.yingyueRoadGrid1,
      })
      expect(answer.station.grid.id).toBe(demoGridIds.yingyueRoadGrid1)
      expect(answer.secret).toMatch(/^[\w-]{40,}$/)
      // What is stored cannot sign: the secret is nowhere in the station's document.
      const stored = (await world.db.collection('station').doc('st-routed').get()).data[0]
      expect(JSON.stringify(stored)).not.toContain(answer.secret)
      const again = await world.call(office, 'station.register', {
        stationId: 'st-routed',
        name: '映月路一号',
        location: demoPoints.yingyueRoadGrid1,
      })
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    })

    it('refuses a place outside every grid', async () => {
      const answer = await world.call(office, 'station.register', {
        stationId: 'st-airport',
        name: '机场',
        location: demoPoints.outside,
      })
      expect(answer).toMatchObject({ ok: false, error: { code: 'outside-service-area' } })
    })
  })

  describe('a reading', () => {
    it('is taken when signed with the station’s secret, and kept', async () => {
      const before = await readingsOf(stationId)
      const answer = await send(post(reading()))
      expect(answer).toMatchObject({ status: 200, body: { ok: true, episode: null } })
      expect(await readingsOf(stationId)).toBe(before + 1)
    })

    const otherSecret = 'not-the-secret-at-all-0123456789'
    it.each<[string, () => SignedPost, number, string, string | null]>([
      ['signed with another secret', () => post(reading(), otherSecret), 401, 'bad-signature', null],
      ['from an unknown station', () => post(reading({ id: 'st-nobody' })), 401, 'unknown-station', null],
      [
        'with a timestamp six minutes old',
        () => signedReading(secret, reading(), { now: new Date(world.clock.now.getTime() - 360_000) }),
        401,
        'stale',
        null,
      ],
      ['with an impossible value', () => post(reading({ pm10: -5 })), 422, 'invalid-reading', 'pm10'],
      [
        'with PM2.5 above PM10',
        () => post(reading({ pm25: 300, pm10: 100 })),
        422,
        'invalid-reading',
        'pm25',
      ],
      [
        'whose body names another station than its headers',
        () =>
          signedReading(
            secret,
            { ...reading(), stationId: 'st-routed' },
            {
              now: world.clock.now,
              headerStation: stationId,
            },
          ),
        400,
        'station-mismatch',
        null,
      ],
      [
        'without its signature headers',
        () => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(reading()) }),
        401,
        'unsigned',
        null,
      ],
    ])('is refused %s, with the reason, logged, and nothing kept', async (_, make, status, code, field) => {
      const before = await readingsOf(stationId)
      const answer = await send(make())
      expect(answer.status).toBe(status)
      expect(answer.body).toMatchObject({
        ok: false,
        error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) },
      })
      if (field) expect(Object.keys(answer.body.error.fields)).toContain(field)
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`"reason":"${code}"`))
      expect(await readingsOf(stationId)).toBe(before)
    })

    it('is refused when replayed, however soon', async () => {
      const signed = post(reading())
      expect((await send(signed)).status).toBe(200)
      const before = await readingsOf(stationId)
      expect(await send(signed)).toMatchObject({ status: 409, body: { error: { code: 'replayed' } } })
      expect(await readingsOf(stationId)).toBe(before)
    })

    it('is refused when not posted', async () => {
      expect(await send(post(reading()), 'GET')).toMatchObject({
        status: 405,
        body: { error: { code: 'method-not-allowed' } },
      })
    })
  })

  describe('an episode over the threshold', () => {
    it('opens one sensor case in the station’s grid after the duration, keeps the curve, and closes on recovery', async () => {
      const station = await register()
      const sendOver = () => send(post(over(station.id), station.secret))
      expect((await sendOver()).body.episode).toBeNull()
      world.clock.advanceMinutes(30)
      expect((await sendOver()).body.episode).toBeNull()
      expect(await sensorCases()).toHaveLength(0)
      world.clock.advanceMinutes(30)
      const opened = (await sendOver()).body
      expect(opened.episode).toMatchObject({ opened: true, caseId: expect.any(String) })
      const caseId = opened.episode.caseId as string
      const { case: filed, events } = await world.ok(office, 'case.get', { caseId })
      expect(filed).toMatchObject({
        channel: 'sensor',
        status: 'pending',
        grid: { id: demoGridIds.yingyueRoadGrid1 },
        categoryId: rules.caseCategory.categoryId,
        description: expect.stringContaining('PM10 230'),
      })
      expect(events).toEqual([expect.objectContaining({ type: 'submit', actorLabel: expect.any(String) })])

      for (let minute = 1; minute <= 5; minute += 1) {
        world.clock.advanceMinutes(1)
        expect((await sendOver()).body.episode).toMatchObject({ id: opened.episode.id, opened: false })
      }
      // On the way down: recovered, but not yet for the recovery time.
      world.clock.advanceMinutes(1)
      await send(post(reading({ id: station.id, pm10: 60, pm25: 20 }), station.secret))
      world.clock.advanceMinutes(30)
      const closing = (await send(post(reading({ id: station.id, pm10: 50, pm25: 20 }), station.secret))).body
      expect(closing.episode).toMatchObject({ id: opened.episode.id, closed: true })

      const curve = await world.ok('demo-resident', 'station.episode', { caseId })
      expect(curve).toMatchObject({ readingCount: 8, peak: { pm10: 230 }, closedAt: expect.any(String) })
      expect(curve.curve.map((point) => point.pm10)).toEqual([230, 230, 230, 230, 230, 230, 60, 50])
      expect(await sensorCases()).toHaveLength(1)

      // The next reading over starts a new streak: nothing attaches to the closed episode.
      world.clock.advanceMinutes(1)
      expect((await sendOver()).body.episode).toBeNull()
    })

    it('opens exactly one case for a burst of 1,000 readings over the threshold in one minute', async () => {
      const station = await register()
      await send(post(over(station.id), station.secret))
      world.clock.advanceMinutes(60)
      const casesBefore = (await sensorCases()).length
      const start = world.clock.now.getTime()
      const posts = Array.from({ length: 1000 }, (_, index) =>
        signedReading(
          station.secret,
          { ...over(station.id), at: new Date(start + index * 60).toISOString() },
          { now: world.clock.now },
        ),
      )
      const answers = await Promise.all(posts.map((signed) => send(signed)))
      expect(answers.every((answer) => answer.status === 200)).toBe(true)
      expect(answers.filter((answer) => answer.body.episode?.opened)).toHaveLength(1)
      expect((await sensorCases()).length).toBe(casesBefore + 1)
      const caseId = answers.find((answer) => answer.body.episode?.opened)!.body.episode.caseId
      const curve = await world.ok(office, 'station.episode', { caseId })
      expect(curve.readingCount).toBe(1000)
      expect(curve.curve).toHaveLength(rules.curveLimit)
    }, 60_000)

    it('opens exactly one case for a burst that starts the streak, when the duration is zero', async () => {
      world.configure({ monitoring: { ...rules, durationMinutes: 0 } })
      try {
        const station = await register()
        const casesBefore = (await sensorCases()).length
        const posts = Array.from({ length: 200 }, () => post(over(station.id), station.secret))
        const answers = await Promise.all(posts.map((signed) => send(signed)))
        expect(answers.every((answer) => answer.status === 200)).toBe(true)
        expect((await sensorCases()).length).toBe(casesBefore + 1)
      } finally {
        world.configure({ monitoring: rules })
      }
    }, 60_000)
  })

  it('files the case of an episode whose opener stopped before filing it, at the next reading a minute on', async () => {
    const station = await register()
    await send(post(over(station.id), station.secret))
    const since = (await world.db.collection('station').doc(station.id).get()).data[0].overSince as string
    world.clock.advanceMinutes(60)
    // As an opener leaves it when stopped right after the episode's insert: no case, the station unaware.
    const episodeId = episodeIdFor(station.id, since)
    await storesFor(world.runtime).intake.openEpisode({
      _id: episodeId,
      stationId: station.id,
      stationName: 'stranded',
      caseId: caseIdFor(`station:${station.id}`, episodeId),
      since,
      openedAt: world.clock.now.toISOString(),
      closedAt: null,
      curve: [],
      readingCount: 0,
      peakPm25: 0,
      peakPm10: 0,
    })
    const casesBefore = (await sensorCases()).length
    // Within the minute an opening may take, a reading only joins the curve.
    expect((await send(post(over(station.id), station.secret))).body.episode).toMatchObject({ opened: false })
    expect((await sensorCases()).length).toBe(casesBefore)
    world.clock.advanceMinutes(2)
    expect((await send(post(over(station.id), station.secret))).body.episode).toMatchObject({ opened: true })
    expect((await sensorCases()).length).toBe(casesBefore + 1)
    world.clock.advanceMinutes(1)
    expect((await send(post(over(station.id), station.secret))).body.episode).toMatchObject({
      id: episodeId,
      opened: false,
    })
    expect((await sensorCases()).length).toBe(casesBefore + 1)
  })

  describe('what a reading costs', () => {
    it('is two requests when calm, three while an episode is open, and six to eight to open one', async () => {
      const station = await register()
      const kinds: Record<string, number>[] = []
      const metered = async (body: ReturnType<typeof reading>) => {
        const { value, counts } = await countRequests(() =>
          handleIntakeEvent(world.runtime, httpEventOf(post(body, station.secret))),
        )
        expect((value as HttpResponse).statusCode).toBe(200)
        kinds.push(counts.byKind)
        return counts.requests
      }
      expect(await metered(reading({ id: station.id }))).toBe(2)
      expect(await metered(over(station.id))).toBe(3)
      world.clock.advanceMinutes(30)
      expect(await metered(over(station.id))).toBe(2)
      world.clock.advanceMinutes(30)
      const opening = await metered(over(station.id))
      world.clock.advanceMinutes(1)
      expect(await metered(over(station.id))).toBe(3)
      console.log(
        `requests per reading: calm 2, streak start 3, in an episode 3, opening ${opening} ` +
          JSON.stringify(kinds[3]),
      )
      // Station, reading, episode, case number, case, station's state; cold, also the grid tree and the day's counter.
      expect(opening).toBeLessThanOrEqual(8)
    })
  })
})
