import { collections } from '../../../cloudfunctions/shared/app'
import { documentsWhere } from '../../factories/inspect'
import { demoGridIds } from '../../../emulator/demo/grids'
import { failingTransactionWritesTo } from '../../factories/faults'
import { addPeople, payDirect, rewardsWorld, uncappedRules, useRules } from './helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

const office = 'demo-long-term-office'
const november = (day: number) =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T10:00:00+08:00`).toISOString()
const afterNovember = new Date('2026-12-01T00:30:00+08:00')

describe('awards: draft, review, publish (award.*)', () => {
  let r: Helpers
  beforeEach(async () => {
    r = await rewardsWorld('2026-11-28T02:00:00.000Z')
    useRules(r.world, uncappedRules())
    const people = Array.from({ length: 12 }, (_, i) => `w${String(i).padStart(2, '0')}`)
    await addPeople(r.world, people)
    for (const [i, openid] of people.entries())
      await payDirect(r.world, openid, { points: 100 - i * 5, at: november(1 + i) })
  })
  afterEach(() => r.world.close())

  it('drafts a period not yet over without refusing, labelled 草稿·周期未结束, and refuses to publish it', async () => {
    const { award } = await r.world.ok(office, 'award.draft', { kind: 'month', period: '2026-11' })
    expect(award).toMatchObject({
      id: `month:2026-11:public:${demoGridIds.guancheng}`,
      title: '月度环保市民',
      status: 'draft',
      statusLabel: '草稿·周期未结束',
      periodEnded: false,
      periodLabel: '2026年11月',
      districtName: '管城回族区',
    })
    expect(award.winners.map((winner) => winner.nickname)).toEqual(
      Array.from({ length: 10 }, (_, i) => `测试w${String(i).padStart(2, '0')}`),
    )
    expect(award.winners[0]).toMatchObject({ rank: 1, points: 100, openid: 'w00' })
    expect(await r.world.call(office, 'award.publish', { awardId: award.id })).toMatchObject({
      ok: false,
      error: { code: 'period-not-ended', message: '2026年11月尚未结束，结束后才能发布' },
    })
  })

  it('drafts automatically when the month ends, tells the district office, and does it once', async () => {
    r.world.clock.now = afterNovember
    const reports = await r.runRewardJobs()
    expect(reports).toEqual([
      { job: 'points', acted: 0 },
      { job: 'award-draft', acted: 1 },
    ])
    expect((await r.runRewardJobs())[1]).toEqual({ job: 'award-draft', acted: 0 })
    const drafts = await r.world.ok(office, 'award.list', { status: 'draft' })
    expect(drafts.items).toEqual([
      expect.objectContaining({
        status: 'draft',
        statusLabel: '草稿·待审核发布',
        draftedBy: '系统',
        period: '2026-11',
      }),
    ])
    const messages = await r.world.ok(office, 'notification.list', {})
    expect(messages.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'award-draft', title: '2026年11月月度环保市民待审核' }),
      ]),
    )
  })

  it('keeps no automatic draft whose notice to the office could not be written, so the next run does both', async () => {
    r.world.clock.now = afterNovember
    const { runRewardJobs } = await import('../../../cloudfunctions/shared/rewards/jobs')
    const broken = { ...r.world.runtime, db: failingTransactionWritesTo(r.world.db, collections.outbox) }
    expect((await runRewardJobs(broken))[1]).toEqual({
      job: 'award-draft',
      acted: 0,
      failures: [{ subject: `month:2026-11:public:${demoGridIds.guancheng}`, message: 'connection reset' }],
    })
    expect((await r.world.ok(office, 'award.list', { status: 'draft' })).items).toEqual([])

    expect((await r.runRewardJobs())[1]).toEqual({ job: 'award-draft', acted: 1 })
    const messages = await r.world.ok(office, 'notification.list', {})
    expect(messages.items.filter((item) => item.kind === 'award-draft')).toHaveLength(1)
  })

  it('publishes the reviewed draft once, notifies each winner once, and refuses publishing twice', async () => {
    r.world.clock.now = afterNovember
    await r.runRewardJobs()
    const awardId = `month:2026-11:public:${demoGridIds.guancheng}`
    const { award } = await r.world.ok(office, 'award.publish', { awardId })
    expect(award).toMatchObject({ status: 'published', statusLabel: '已发布', publishedBy: '长效办小胡' })

    const again = await r.world.call(office, 'award.publish', { awardId })
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'already-published', message: '该评选结果已经发布，不能重复发布' },
    })
    const twice = await Promise.all([
      r.world.call('demo-air-office', 'award.publish', { awardId }),
      r.world.call(office, 'award.publish', { awardId }),
    ])
    expect(twice.every((answer) => !answer.ok && answer.error.code === 'already-published')).toBe(true)
    expect(await r.world.call(office, 'award.draft', { kind: 'month', period: '2026-11' })).toMatchObject({
      ok: false,
      error: { code: 'already-published' },
    })

    const notices = { data: await documentsWhere(r.world.db, collections.outbox, { kind: 'award-won' }) }
    expect(notices.data).toHaveLength(10)
    expect(notices.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          _id: `award:${awardId}:w00`,
          audience: { openid: 'w00' },
          title: '恭喜您获评月度环保市民',
        }),
      ]),
    )
    const winnerInbox = await r.world.ok('w00', 'notification.list', {})
    expect(winnerInbox.items).toEqual([
      expect.objectContaining({ kind: 'award-won', body: '2026年11月月度环保市民第1名，积分100' }),
    ])
  })

  it('leaves the award a draft with no notices when the notices cannot be written, and a retry publishes it', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    r.world.clock.now = afterNovember
    await r.runRewardJobs()
    const awardId = `month:2026-11:public:${demoGridIds.guancheng}`
    const broken = { ...r.world.runtime, db: failingTransactionWritesTo(r.world.db, collections.outbox) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/app')
    const failed = await handleApiEvent(
      broken,
      { action: 'award.publish', payload: { awardId } },
      { openid: office },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    const { items } = await r.world.ok(office, 'award.list', { status: 'all' })
    expect(items.find((item) => item.id === awardId)).toMatchObject({ status: 'draft' })
    expect((await documentsWhere(r.world.db, collections.outbox, { kind: 'award-won' })).length).toBe(0)

    expect((await r.world.ok(office, 'award.publish', { awardId })).award.status).toBe('published')
    expect((await documentsWhere(r.world.db, collections.outbox, { kind: 'award-won' })).length).toBe(10)
  })

  it('lets the office leave someone out on review: the next in line moves up', async () => {
    r.world.clock.now = afterNovember
    const { award } = await r.world.ok(office, 'award.draft', {
      kind: 'month',
      period: '2026-11',
      exclude: ['w01'],
      note: '经核实w01存在重复举报',
    })
    expect(award.winners.map((winner) => winner.openid)).toEqual([
      'w00',
      'w02',
      'w03',
      'w04',
      'w05',
      'w06',
      'w07',
      'w08',
      'w09',
      'w10',
    ])
    expect(award).toMatchObject({
      excludedCount: 1,
      note: '经核实w01存在重复举报',
      statusLabel: '草稿·待审核发布',
    })
    await r.world.ok(office, 'award.publish', { awardId: award.id })
  })

  it('refuses to leave anyone out without a reason, and drafts nothing', async () => {
    r.world.clock.now = afterNovember
    const answer = await r.world.call(office, 'award.draft', {
      kind: 'month',
      period: '2026-11',
      exclude: ['w01'],
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { note: '排除人员时请写明排除原因' } },
    })
    expect(await documentsWhere(r.world.db, collections.award, {})).toEqual([])
  })

  it('keeps every draft a redraft replaces, oldest first, with whom it named and left out and why', async () => {
    r.world.clock.now = afterNovember
    const first = (await r.world.ok(office, 'award.draft', { kind: 'month', period: '2026-11' })).award
    r.world.clock.advanceMinutes(10)
    await r.world.ok(office, 'award.draft', {
      kind: 'month',
      period: '2026-11',
      exclude: ['w01'],
      note: '经核实w01存在重复举报',
    })
    r.world.clock.advanceMinutes(10)
    await r.world.ok('demo-air-office', 'award.draft', { kind: 'month', period: '2026-11' })
    const [stored] = await documentsWhere<{ history: Record<string, unknown>[] }>(
      r.world.db,
      collections.award,
      {},
    )
    expect(stored!.history).toEqual([
      expect.objectContaining({ draftedAt: first.draftedAt, excluded: [], note: '' }),
      expect.objectContaining({
        draftedBy: office,
        excluded: ['w01'],
        note: '经核实w01存在重复举报',
        winners: expect.not.arrayContaining([expect.objectContaining({ openid: 'w01' })]),
      }),
    ])
  })

  it('refuses to publish a draft made before the period ended: it must be drafted again', async () => {
    const { award } = await r.world.ok(office, 'award.draft', { kind: 'month', period: '2026-11' })
    r.world.clock.now = afterNovember
    expect(await r.world.call(office, 'award.publish', { awardId: award.id })).toMatchObject({
      ok: false,
      error: { code: 'period-not-ended', message: expect.stringContaining('请重新生成草稿') },
    })
    await r.world.ok(office, 'award.draft', { kind: 'month', period: '2026-11' })
    expect((await r.world.ok(office, 'award.publish', { awardId: award.id })).award.status).toBe('published')
  })

  it('shows the honour roll to everyone, drafts and openids only to the district office', async () => {
    r.world.clock.now = afterNovember
    await r.runRewardJobs()
    expect((await r.world.ok('demo-resident', 'award.list', {})).items).toEqual([])
    await r.world.ok(office, 'award.publish', { awardId: `month:2026-11:public:${demoGridIds.guancheng}` })
    const roll = await r.world.ok('demo-resident', 'award.list', {})
    expect(roll.items).toHaveLength(1)
    expect(roll.items[0]!.winners[0]).toEqual({
      rank: 1,
      nickname: '测试w00',
      points: 100,
      acceptedReports: 1,
      openid: '',
    })
    expect(await r.world.call('demo-resident', 'award.list', { status: 'draft' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('refuses drafting and publishing to anyone but a district office', async () => {
    for (const openid of ['demo-resident', 'demo-grid-leader-1', 'demo-supervisor']) {
      expect(await r.world.call(openid, 'award.draft', { kind: 'month', period: '2026-11' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
      expect(await r.world.call(openid, 'award.publish', { awardId: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
    }
  })

  it('drafts quarter and year awards at their ends with their own titles', async () => {
    r.world.clock.now = new Date('2027-01-01T00:10:00+08:00')
    await r.runRewardJobs()
    const drafts = await r.world.ok(office, 'award.list', { status: 'draft' })
    // December had no points, so no month draft; the quarter names five, the year three.
    expect(
      drafts.items.map((award) => [award.kind, award.period, award.title, award.winners.length]).sort(),
    ).toEqual([
      ['quarter', '2026-Q4', '季度环保达人', 5],
      ['year', '2026', '年度环保之星', 3],
    ])
  })
})
