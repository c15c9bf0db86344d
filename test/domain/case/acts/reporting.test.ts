import { channelFor, decideSubmit, type SubmitDecision } from '../../../../src/domain/case/acts/reporting'
import type { DecideContext } from '../../../../src/domain/case/acts/kit'
import { submitCaseInputSchema } from '../../../../src/domain/case/contract'
import { shippedSettings } from '../../../../src/domain/settings'

import { transitionAllowed } from '../../../../src/domain/case/status'
import { GridTree } from '../../../../src/domain/grid/tree'
import type { Actor } from '../../../../src/domain/people/roles'
import { demoGridIds, demoGridNodes, demoPoints } from '../../../../emulator/demo/grids'

const defaultPolicy = shippedSettings.policy

const tree = new GridTree(demoGridNodes)
const now = new Date('2025-03-04T02:00:00.000Z')
const ctx = (policy = defaultPolicy): DecideContext => ({
  tree,
  now,
  policy,
  categories: shippedSettings.categories,
  deadlineFor: (record, level) => `${level}:${record.categoryId}:${record.major ? 'major' : 'normal'}`,
  distanceToGrid: () => 0,
})
const member: Actor & { nickname: string } = {
  openid: 'member-1',
  userId: 'member-1',
  role: 'grid_member',
  gridIds: [demoGridIds.yingyueRoadGrid1],
  nickname: '网格员小李',
}
const resident: Actor & { nickname: string } = {
  openid: 'resident-1',
  userId: 'user-1',
  role: 'resident',
  gridIds: [],
  nickname: '小王',
}
const input = (overrides: Record<string, unknown> = {}) =>
  submitCaseInputSchema.parse({
    requestId: 'request-0001',
    categoryId: 'construction-site',
    checkId: 'construction-truck-unwashed',
    description: '渣土车带泥上路',
    photos: ['cloud://bluegrid-local.test/reports/a.jpg'],
    location: demoPoints.yingyueRoadGrid1,
    ...overrides,
  })
const block = tree.get(demoGridIds.yingyueRoadGrid1)
const facts = { caseId: 'case-1', caseNo: 'BG202503040001', grid: block }

function accepted(decision: SubmitDecision) {
  if (!decision.ok) throw new Error(`refused: ${decision.code} ${decision.message}`)
  return decision
}

describe('opening a case from a report', () => {
  it('puts the case, pending and unclaimed, on the board of the grid its point lies in', () => {
    const { record } = accepted(decideSubmit(input(), resident, facts, ctx()))
    expect(record).toMatchObject({
      _id: 'case-1',
      caseNo: 'BG202503040001',
      status: 'pending',
      reporterId: 'resident-1',
      requestKey: 'resident-1:request-0001',
      gridId: demoGridIds.yingyueRoadGrid1,
      originGridId: demoGridIds.yingyueRoadGrid1,
      gridPath: tree.lineage(demoGridIds.yingyueRoadGrid1).map((node) => node._id),
      claim: null,
      channel: 'resident',
      waitingSince: now.toISOString(),
      deadlineAt: 'block:construction-site:normal',
      eventCount: 1,
    })
    expect(transitionAllowed('submit', 'none', record.status)).toBe(true)
  })

  it('writes the first event of the trail, from none, naming the grid it was routed to', () => {
    const { event } = accepted(decideSubmit(input(), resident, facts, ctx()))
    expect(event).toEqual({
      _id: 'case-1#0',
      caseId: 'case-1',
      seq: 0,
      type: 'submit',
      actorId: 'resident-1',
      actorRole: 'resident',
      actorNickname: '小王',
      gridId: demoGridIds.yingyueRoadGrid1,
      from: 'none',
      to: 'pending',
      note: `转办至${tree.label(demoGridIds.yingyueRoadGrid1)}`,
      evidence: ['cloud://bluegrid-local.test/reports/a.jpg'],
      // The first deadline rides on the event, for the desk's figures.
      details: { major: false, channel: 'resident', deadlineAt: 'block:construction-site:normal' },
      at: now.toISOString(),
      prevHash: '',
    })
  })

  it("tells the grid's staff and the reporter, and only a major event the district office too", () => {
    const normal = accepted(decideSubmit(input(), resident, facts, ctx()))
    expect(normal.notify.map((intent) => intent.kind)).toEqual(['new-case', 'case-routed'])
    const major = accepted(decideSubmit(input({ major: true }), member, facts, ctx()))
    expect(major.notify.map((intent) => intent.kind)).toEqual(['new-case', 'case-routed', 'major-event'])
    expect(major.notify[2]!.audience).toEqual({ gridId: demoGridIds.guancheng, roles: ['district_office'] })
  })

  it('leaves 重大 to staff and the category rules: a resident’s report is not major by their say', () => {
    expect(accepted(decideSubmit(input({ major: true }), resident, facts, ctx())).record.major).toBe(false)
  })

  it('files the public through their own channel only, and staff on patrol or by hotline', () => {
    for (const channel of ['patrol', 'hotline', 'sensor'] as const) {
      expect(decideSubmit(input({ channel }), resident, facts, ctx())).toMatchObject({
        ok: false,
        code: 'forbidden',
        fields: { channel: expect.any(String) },
      })
    }
    expect(accepted(decideSubmit(input(), member, facts, ctx())).record.channel).toBe('patrol')
    expect(accepted(decideSubmit(input({ channel: 'hotline' }), member, facts, ctx())).record.channel).toBe(
      'hotline',
    )
    expect(decideSubmit(input({ channel: 'sensor' }), member, facts, ctx())).toMatchObject({ ok: false })
    expect(channelFor('supervisor', 'sensor')).toBeNull()
    expect(channelFor('district_office', 'sensor')).toBe('sensor')
  })

  it('counts a category the policy names as major as a major event', () => {
    const policy = { ...defaultPolicy, majorCategoryIds: ['construction-site'] }
    const { record } = accepted(decideSubmit(input(), resident, facts, ctx(policy)))
    expect(record.major).toBe(true)
    expect(record.deadlineAt).toBe('block:construction-site:major')
  })

  it("files a staff member's own report as a patrol finding", () => {
    const member: Actor & { nickname: string } = {
      openid: 'member-1',
      userId: 'user-2',
      role: 'grid_member',
      gridIds: [demoGridIds.yingyueRoadGrid1],
      nickname: '网格员',
    }
    expect(accepted(decideSubmit(input(), member, facts, ctx())).record.channel).toBe('patrol')
  })

  it('refuses an unknown check before anything else, and a point outside every grid', () => {
    const unknown = decideSubmit(
      input({ checkId: 'no-such-check' }),
      resident,
      { ...facts, grid: undefined },
      ctx(),
    )
    expect(unknown).toMatchObject({
      ok: false,
      code: 'invalid-input',
      fields: { checkId: '请选择该类别下的具体问题' },
    })
    const outside = decideSubmit(input(), resident, { ...facts, grid: undefined }, ctx())
    expect(outside).toMatchObject({
      ok: false,
      code: 'outside-service-area',
      fields: { location: '该位置不在服务范围内' },
    })
  })
})
