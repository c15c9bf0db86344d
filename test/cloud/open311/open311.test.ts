import { collections } from '../../../cloudfunctions/shared/app'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { runStatsJob, statsSettleMillis } from '../../../cloudfunctions/shared/reports/stats-job'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import type { CaseRecord } from '../../../src/domain/case/record'
import { gcj02ToWgs84 } from '../../../src/domain/open311/coordinates'
import { coarsen } from '../../../src/domain/shared/geo'
import { documentsWhere } from '../../factories/inspect'
import { callOpen311, formPost, open311Event, wgsFieldsOf } from '../../factories/open311'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { people } from '../cases/lifecycle/walk'

// GeoReport v2, from the spec's tables. GET Service List: every field of a service.
const serviceFields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']
// GET Service Requests / GET Service Request: the fields not marked "may not be returned" must carry a value.
const requiredRequestFields = [
  'service_request_id',
  'status',
  'service_name',
  'service_code',
  'requested_datetime',
  'updated_datetime',
  'address',
  'lat',
  'long',
]
// ... and the rest of the spec's fields, which we answer with null where we have nothing to say.
const optionalRequestFields = [
  'status_notes',
  'description',
  'agency_responsible',
  'service_notice',
  'expected_datetime',
  'address_id',
  'zipcode',
  'media_url',
]
// POST Service Request, a realtime service: the id (no token), and the notice and account, which may be null.
const createdFields = ['service_request_id', 'service_notice', 'account_id']
const w3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

type Row = Record<string, unknown>

function expectSpecRequest(row: Row): void {
  expect(Object.keys(row).sort()).toEqual([...requiredRequestFields, ...optionalRequestFields].sort())
  for (const field of requiredRequestFields) expect(row[field] ?? null).not.toBeNull()
  expect(['open', 'closed']).toContain(row.status)
  for (const field of ['requested_datetime', 'updated_datetime']) expect(row[field]).toMatch(w3)
  expect(typeof row.lat).toBe('number')
  expect(typeof row.long).toBe('number')
}

function expectSpecError(json: unknown, status: number): string {
  expect(Array.isArray(json)).toBe(true)
  const [error] = json as { code: number; description: string }[]
  expect(error).toEqual({ code: status, description: expect.any(String) })
  return error!.description
}

describe('Open311 GeoReport v2', () => {
  let world: TestWorld
  let apiKey: string
  let keyId: string
  const warn = jest.spyOn(console, 'warn')

  beforeAll(async () => {
    warn.mockImplementation(() => {})
    world = await createTestWorld({ start: '2026-12-02T02:00:00.000Z' })
    const registered = await world.ok(people.airOffice, 'open311.key.register', {
      name: '市民服务App',
      contact: '信息中心',
    })
    apiKey = registered.apiKey
    keyId = registered.key.id
  })
  afterAll(async () => {
    warn.mockRestore()
    await world.close()
  })

  const call = (event: unknown) => callOpen311(world.runtime, event)
  const get = (resource: string, query: Record<string, string> = {}) =>
    call(open311Event('GET', resource, { query }))
  const cases = () => documentsWhere<CaseRecord>(world.db, collections.case, {})
  const burning = (extra: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: 'open-burning',
    'attribute[check]': 'burning-garbage',
    ...wgsFieldsOf(demoPoints.yingyueRoadGrid1),
    description: '小区北侧空地有人焚烧垃圾',
    first_name: '小明',
    last_name: '王',
    phone: '13800005678',
    ...extra,
  })
  let posts = 0
  /** A post nobody sent before (a different description), so that it files a case of its own. */
  const freshPost = (extra: Record<string, string> = {}) =>
    formPost(burning({ description: `焚烧垃圾，第${(posts += 1)}次反映`, ...extra }))

  describe('services', () => {
    it('lists our categories with the spec’s service fields', async () => {
      const { status, headers, json } = await get('services.json')
      expect(status).toBe(200)
      expect(headers['content-type']).toBe('application/json; charset=utf-8')
      const services = json as Row[]
      expect(services.map((service) => service.service_code)).toEqual(
        world.runtime.settings.categories.categories.map((category) => category.id),
      )
      for (const service of services) {
        expect(Object.keys(service).sort()).toEqual([...serviceFields].sort())
        for (const field of serviceFields) expect(service[field] ?? null).not.toBeNull()
      }
    })

    it('defines each service’s checks, and answers 404 in the spec’s format for an unknown one', async () => {
      const { json } = await get('services/open-burning.json')
      expect(json).toMatchObject({
        service_code: 'open-burning',
        attributes: [{ code: 'check', required: true, values: expect.arrayContaining([expect.any(Object)]) }],
      })
      const unknown = await get('services/potholes.json')
      expect(unknown.status).toBe(404)
      expect(expectSpecError(unknown.json, 404)).toContain('potholes')
      const xml = await get('services.xml')
      expect(xml.status).toBe(400)
      expect(expectSpecError(xml.json, 400)).toContain('JSON')
    })
  })

  describe('posting a request', () => {
    it('files a case with source open311 on the board of the grid its point lies in, attributed to the key’s owner', async () => {
      const { status, json } = await call(formPost(burning()))
      expect(status).toBe(200)
      const [created] = json as Row[]
      expect(Object.keys(created!).sort()).toEqual([...createdFields].sort())
      expect(created!.service_request_id).toEqual(expect.any(String))
      expect(created!.service_notice).toContain('已受理')
      const filed = (await cases()).find((each) => each._id === created!.service_request_id)!
      expect(filed).toMatchObject({
        channel: 'open311',
        status: 'pending',
        gridId: demoGridIds.yingyueRoadGrid1,
        categoryId: 'open-burning',
        checkId: 'burning-garbage',
        reporterId: `open311:${keyId}`,
        reporterNickname: '市民服务App',
        anonymous: true,
        callerContact: { name: '王小明', phone: '13800005678' },
        screening: { state: 'review' },
      })
      const trail = (filed as unknown as { trail: { actorId: string; actorRole: string }[] }).trail
      expect(trail[0]).toMatchObject({ actorId: people.airOffice, actorRole: 'district_office' })
      const board = await world.ok(people.member, 'board.list', { filter: 'unclaimed' })
      expect(board.items.map((item) => item.id)).toContain(filed._id)
      // The place sent in WGS-84 is stored in GCJ-02, where the client meant it (within a metre).
      expect(Math.abs(filed.location.lng - demoPoints.yingyueRoadGrid1.lng)).toBeLessThan(1e-5)
      expect(Math.abs(filed.location.lat - demoPoints.yingyueRoadGrid1.lat)).toBeLessThan(1e-5)
    })

    it('files one case for a retried post: the same body, or the same Idempotency-Key', async () => {
      const before = (await cases()).length
      const post = freshPost()
      const answers = await Promise.all([call(post), call(post), call(post)])
      const ids = answers.map(({ json }) => (json as Row[])[0]!.service_request_id)
      expect(new Set(ids).size).toBe(1)
      expect((await cases()).length).toBe(before + 1)

      const keyed = { 'idempotency-key': 'app-report-0001' }
      const first = await call(formPost(burning({ description: '第一次' }), keyed))
      const retried = await call(formPost(burning({ description: '网络重试时改了字' }), keyed))
      expect((retried.json as Row[])[0]!.service_request_id).toBe(
        (first.json as Row[])[0]!.service_request_id,
      )
      expect((await cases()).length).toBe(before + 2)
      // Another post with new words is another report.
      await call(freshPost())
      expect((await cases()).length).toBe(before + 3)
    })

    it('takes a JSON body too', async () => {
      const { status, json } = await call(
        open311Event('POST', 'requests.json', {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            api_key: apiKey,
            service_code: 'road-dust',
            attribute: { check: 'road-spill' },
            ...wgsFieldsOf(demoPoints.yingyueRoadGrid1),
            description: '渣土车遗撒',
          }),
        }),
      )
      expect(status).toBe(200)
      expect((json as Row[])[0]!.service_request_id).toEqual(expect.any(String))
    })

    it.each([
      ['no api_key', { api_key: '' }, 403, 'api_key'],
      ['a key of no one', { api_key: `o311_${'0'.repeat(12)}_${'A'.repeat(43)}` }, 403, 'api_key'],
      ['a malformed key', { api_key: 'let-me-in' }, 403, 'api_key'],
      ['an unknown service', { service_code: 'potholes' }, 404, 'service_code'],
      ['no check', { 'attribute[check]': '' }, 400, 'attribute[check]'],
      ['a check of another service', { 'attribute[check]': 'road-spill' }, 400, 'attribute[check]'],
      ['an address without a point', { lat: '', long: '', address_string: '映月路' }, 400, 'lat'],
      ['a point outside every grid', wgsFieldsOf(demoPoints.outside), 400, 'lat/long'],
      ['a description over 4000 characters', { description: '烟'.repeat(4001) }, 400, 'description'],
    ])(
      'refuses %s in the spec’s error format, naming why, and writes nothing',
      async (_, extra, status, named) => {
        const before = await cases()
        const answer = await call(formPost(burning(extra)))
        expect(answer.status).toBe(status)
        expect(expectSpecError(answer.json, status)).toContain(named)
        expect(await cases()).toEqual(before)
      },
    )

    it('refuses a key once the office revoked it; the office lists keys without the key itself', async () => {
      world.clock.advanceMinutes(1)
      const other = await world.ok(people.airOffice, 'open311.key.register', { name: '第三方平台' })
      expect((await call(freshPost({ api_key: other.apiKey }))).status).toBe(200)
      const listed = await world.ok(people.airOffice, 'open311.key.list', {})
      expect(listed.items.map((key) => key.id)).toEqual([other.key.id, keyId])
      expect(JSON.stringify(listed)).not.toContain(other.apiKey)
      const stored = await documentsWhere<Row>(world.db, collections.open311Key, {})
      expect(JSON.stringify(stored)).not.toContain(other.apiKey.slice('o311_'.length + 13))

      const revoked = await world.ok(people.airOffice, 'open311.key.revoke', { keyId: other.key.id })
      expect(revoked.key.revokedAt).toBe(world.clock.now.toISOString())
      const before = await cases()
      const refused = await call(freshPost({ api_key: other.apiKey }))
      expect(refused.status).toBe(403)
      expect(expectSpecError(refused.json, 403)).toContain('撤销')
      expect(await cases()).toEqual(before)
      const again = await world.call(people.airOffice, 'open311.key.revoke', { keyId: other.key.id })
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    })

    it('lets only a district office register keys', async () => {
      for (const openid of [people.resident, people.member, people.supervisor]) {
        const answer = await world.call(openid, 'open311.key.register', { name: '某App' })
        expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      }
    })
  })

  describe('reading requests', () => {
    let reported: string
    let hotline: string
    let held: string
    let rejected: string
    let old: string
    let posted: string

    beforeAll(async () => {
      const present = world.clock.now
      world.clock.now = new Date(present.getTime() - 100 * 24 * 3600_000)
      old = (await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))).case.id
      world.clock.now = new Date(present.getTime() - 2 * 3600_000)
      reported = (
        await world.ok(
          people.resident,
          'case.submit',
          reportAt(demoPoints.yingyueRoadGrid1, { address: '映月路12号院3号楼西侧', anonymous: false }),
        )
      ).case.id
      hotline = (
        await world.ok(people.airOffice, 'hotline.record', {
          requestId: 'open311-hotline-0001',
          categoryId: 'road-dust',
          checkId: 'road-visible-dust',
          description: '来电反映路面积尘',
          location: demoPoints.yingyueRoadGrid1,
          address: '映月路与商鼎路交叉口',
          callerName: '赵女士',
          callerPhone: '13900009999',
        })
      ).case.id
      world.clock.now = new Date(present.getTime() - 3600_000)
      rejected = (await world.ok(people.resident2, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))).case
        .id
      await world.ok(people.blockLeader, 'case.reject', {
        caseId: rejected,
        reason: 'not-pollution',
        note: '',
      })
      // WeChat asks for a person to look at this one's words: nobody unrelated sees it.
      world.wechat.setVerdict('text', { suggest: 'review' }, 1)
      held = (await world.ok(people.resident2, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))).case.id
      world.clock.now = present
      posted = ((await call(freshPost())).json as Row[])[0]!.service_request_id as string
    })

    const ids = (json: unknown) => (json as Row[]).map((row) => row.service_request_id)

    it('answers every request with the spec’s fields, newest first, over the last 90 days by default', async () => {
      const { status, json } = await get('requests.json')
      expect(status).toBe(200)
      const rows = json as Row[]
      rows.forEach(expectSpecRequest)
      expect(ids(rows)).toEqual(expect.arrayContaining([reported, hotline, rejected]))
      expect(ids(rows)).not.toContain(old)
      const times = rows.map((row) => row.requested_datetime as string)
      expect([...times].sort().reverse()).toEqual(times)
    })

    it('leaves out what the public may not see: held for review, or posted and not yet approved', async () => {
      expect(ids((await get('requests.json')).json)).not.toEqual(expect.arrayContaining([held]))
      expect(ids((await get('requests.json')).json)).not.toContain(posted)
      expect((await get(`requests/${held}.json`)).status).toBe(404)
      const unapproved = await get(`requests/${posted}.json`)
      expect(unapproved.status).toBe(404)
      expectSpecError(unapproved.json, 404)
      // The key that posted it follows it while it is held; a wrong key is refused.
      const own = await get(`requests/${posted}.json`, { api_key: apiKey })
      expect(ids(own.json)).toEqual([posted])
      expect((await get(`requests/${posted}.json`, { api_key: 'wrong' })).status).toBe(403)
      await world.ok(people.member, 'case.approveContent', { caseId: posted })
      expect(ids((await get(`requests/${posted}.json`)).json)).toEqual([posted])
    })

    it('shows the public summary only: a place rounded to about 100 m, the community, no reporter or caller', async () => {
      const [row] = (await get(`requests/${reported}.json`)).json as Row[]
      expectSpecRequest(row!)
      const rounded = gcj02ToWgs84(coarsen(demoPoints.yingyueRoadGrid1))
      expect(row!.lat).toBeCloseTo(rounded.lat, 6)
      expect(row!.long).toBeCloseTo(rounded.long, 6)
      expect(row!.address).toBe('航海东路街道 / 映月路社区')
      const text = JSON.stringify((await get('requests.json')).json)
      for (const secret of ['林女士', '映月路12号院', '赵女士', '13900009999', '王小明', '13800005678'])
        expect(text).not.toContain(secret)
      const [phoned] = (await get(`requests/${hotline}.json`)).json as Row[]
      expect(phoned).toMatchObject({
        status: 'open',
        service_code: 'road-dust',
        expected_datetime: expect.any(String),
      })
    })

    it('filters by status, service, window and ids', async () => {
      const closed = ids((await get('requests.json', { status: 'closed' })).json)
      expect(closed).toEqual([rejected])
      const [closedRow] = (await get(`requests/${rejected}.json`)).json as Row[]
      expect(closedRow).toMatchObject({ status: 'closed', status_notes: '不予受理：不属于大气污染问题' })
      const open = ids((await get('requests.json', { status: 'open' })).json)
      expect(open).toContain(reported)
      expect(open).not.toContain(rejected)

      const dust = ids((await get('requests.json', { service_code: 'road-dust' })).json)
      expect(dust).toContain(hotline)
      expect(dust).not.toContain(reported)
      const burningOpen = ids(
        (await get('requests.json', { service_code: 'open-burning', status: 'open' })).json,
      )
      expect(burningOpen).toContain(reported)
      expect(burningOpen).not.toEqual(expect.arrayContaining([rejected]))
      expect(burningOpen).not.toContain(hotline)

      const now = world.clock.now.getTime()
      const window = {
        start_date: new Date(now - 90 * 60_000).toISOString(),
        end_date: new Date(now).toISOString(),
      }
      expect(ids((await get('requests.json', window)).json)).toEqual(
        expect.arrayContaining([rejected, posted]),
      )
      expect(ids((await get('requests.json', window)).json)).not.toContain(reported)
      const older = { start_date: new Date(now - 101 * 24 * 3600_000).toISOString() }
      expect(ids((await get('requests.json', older)).json)).toContain(old)

      const named = ids(
        (await get('requests.json', { service_request_id: `${old},${held},${hotline}` })).json,
      )
      expect(named).toEqual([hotline, old])
    })

    it('refuses a bad query with 400 in the spec’s format', async () => {
      const answer = await get('requests.json', { status: 'pending' })
      expect(answer.status).toBe(400)
      expect(expectSpecError(answer.json, 400)).toContain('status')
      expect((await call(open311Event('DELETE', 'requests.json'))).status).toBe(405)
      expect((await get('requests/%E0%A4.json')).status).toBe(404)
      expect((await get('requests/case-0000.json')).status).toBe(404)
    })

    it('counts its cases under the source open311 on the desk', async () => {
      await runRelay(world.runtime)
      const present = world.clock.now
      world.clock.now = new Date(present.getTime() + statsSettleMillis + 60_000)
      await runStatsJob(world.runtime)
      world.clock.now = present
      const overview = await world.ok(people.airOffice, 'stats.overview', {
        gridId: demoGridIds.yingyueRoad,
        period: '2026-12',
      })
      const posts = (await cases()).filter(
        (each) => each.channel === 'open311' && each.createdAt >= '2026-12',
      )
      expect(overview.bySource.open311).toBe(posts.length)
      expect(overview.bySource.open311).toBeGreaterThan(0)
    })
  })
})

describe('Open311 GeoReport v2 at volume', () => {
  let world: TestWorld
  beforeAll(async () => {
    world = await createTestWorld({ start: '2026-12-02T02:00:00.000Z' })
  })
  afterAll(() => world.close())

  it('answers at most the first 1000 of the window, newest first, the hidden ones left out', async () => {
    const { case: first } = await world.ok(
      people.resident,
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const [stored] = await documentsWhere<Row>(world.db, collections.case, { _id: first.id })
    const now = world.clock.now.getTime()
    // 1,200 more cases a minute apart, every tenth held for review: copies of the first, as stored.
    const copies = Array.from({ length: 1200 }, (_, index) => ({
      ...stored,
      _id: `case-volume-${String(index).padStart(4, '0')}`,
      createdAt: new Date(now - (index + 1) * 60_000).toISOString(),
      ...(index % 10 === 0 ? { screening: { state: 'review', text: 'review', photos: {} } } : {}),
    }))
    for (let start = 0; start < copies.length; start += 200)
      await world.db.collection(collections.case).add(copies.slice(start, start + 200))
    const { status, json } = await callOpen311(world.runtime, open311Event('GET', 'requests.json'))
    expect(status).toBe(200)
    const ids = (json as Row[]).map((row) => row.service_request_id as string)
    const visible = [first.id, ...copies.filter((_, index) => index % 10 !== 0).map((copy) => copy._id)]
    expect(ids).toEqual(visible.slice(0, 1000))
  }, 60_000)
})
