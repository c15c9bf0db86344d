import { demoGridIds, demoGridNodes } from '../../../emulator/demo/grids'
import type { CaseRecord } from '../../../src/domain/case/record'
import { caseAccess, publicAddress } from '../../../src/domain/case/visibility'
import {
  beijingTimestamp,
  caseTimesOf,
  exportColumns,
  type ExportCase,
} from '../../../src/domain/exports/columns'
import { GridTree } from '../../../src/domain/grid/tree'
import type { Viewer } from '../../../src/domain/people/scope'
import { foldFigures } from '../../../src/domain/reports/case-figures'

const tree = new GridTree(demoGridNodes)
const gridId = demoGridIds.yingyueRoadGrid1

function hotlineCase(): CaseRecord {
  return {
    _id: 'case-1',
    caseNo: '20261123-0001',
    status: 'closed',
    categoryId: 'open-burning',
    checkId: 'burning-garbage',
    description: '=HYPERLINK("http://evil") 焚烧垃圾',
    photos: [],
    location: { lng: 113.6925, lat: 34.7288 },
    accuracyMeters: 10,
    address: '映月路与商鼎路交叉口',
    anonymous: false,
    channel: 'hotline',
    reporterId: 'operator',
    reporterNickname: '接线员',
    callerContact: { name: '王先生', phone: '13800000000' },
    gridId,
    gridPath: tree.lineage(gridId).map((node) => node._id),
    claim: { userId: 'member', nickname: '小李', at: '2026-11-23T03:00:00.000Z' },
    requestKey: 'operator:1',
    createdAt: '2026-11-23T02:00:00.000Z',
    updatedAt: '2026-11-24T02:00:00.000Z',
    unclaimedAlertAt: null,
    waitingSince: '2026-11-23T02:00:00.000Z',
    originGridId: gridId,
    awayFromOrigin: false,
    major: false,
    deadlineAt: null,
    card: 'yellow',
    supervision: null,
    signOffs: [],
    jointHandlers: [],
    followers: [],
    disputeCount: 0,
    verifiedAt: '2026-11-23T09:00:00.000Z',
    rating: 5,
    resolution: null,
    eventCount: 5,
    lastHash: 'head',
  }
}

const rowFor = (record: CaseRecord, viewer: Viewer) => {
  const row: ExportCase = {
    record,
    times: caseTimesOf(record, undefined),
    categoryName: '露天焚烧',
    checkName: '焚烧垃圾',
    gridLabel: tree.label(gridId),
    publicAddress: publicAddress(tree, gridId),
    access: caseAccess(record, viewer, tree),
  }
  return Object.fromEntries(exportColumns.map((column) => [column.header, column.value(row)]))
}

const gridStaff: Viewer = { openid: 'leader', role: 'grid_leader', gridIds: [demoGridIds.yingyueRoad] }
const supervisor: Viewer = { openid: 'supervisor', role: 'supervisor', gridIds: [demoGridIds.guancheng] }

describe('the export columns', () => {
  it('name each handling step once, with Beijing time in every time header', () => {
    const headers = exportColumns.map((column) => column.header)
    for (const step of ['上报时间', '认领时间', '整改时间', '核查时间', '结案时间'])
      expect(headers).toContain(`${step}（北京时间）`)
    expect(new Set(headers).size).toBe(headers.length)
  })

  it('write instants as Beijing wall-clock time, a step not reached as empty', () => {
    expect(beijingTimestamp('2026-11-23T16:30:05.000Z')).toBe('2026-11-24 00:30:05')
    expect(beijingTimestamp(null)).toBeNull()
    const row = rowFor(hotlineCase(), gridStaff)
    expect(row['上报时间（北京时间）']).toBe('2026-11-23 10:00:00')
    expect(row['认领时间（北京时间）']).toBe('2026-11-23 11:00:00')
    expect(row['核查时间（北京时间）']).toBe('2026-11-23 17:00:00')
    expect(row['办理期限（北京时间）']).toBeNull()
  })

  it('take claim, fix and close from the figures the trail folds into', () => {
    const at = (hours: number) => new Date(Date.UTC(2026, 10, 23, hours)).toISOString()
    const event = (type: string, hours: number, details: Record<string, unknown> = {}) => ({
      type,
      at: at(hours),
      actorRole: 'grid_member' as const,
      gridId,
      details,
    })
    const figures = foldFigures([
      event('submit', 1, { channel: 'resident' }),
      event('claim', 2),
      event('rectify', 4),
      event('verify', 5),
      event('confirm', 8),
    ])
    const record = { ...hotlineCase(), claim: null }
    expect(caseTimesOf(record, figures)).toEqual({
      createdAt: record.createdAt,
      claimedAt: at(2),
      rectifiedAt: at(4),
      verifiedAt: record.verifiedAt,
      closedAt: at(8),
    })
  })

  it('show a hotline caller’s contact to the grid’s staff, never to the supervisor', () => {
    expect(rowFor(hotlineCase(), gridStaff)).toMatchObject({ 来电人: '王先生', 来电电话: '13800000000' })
    expect(rowFor(hotlineCase(), supervisor)).toMatchObject({ 来电人: null, 来电电话: null })
  })

  it('name no reporter of an anonymous case', () => {
    const anonymous = {
      ...hotlineCase(),
      channel: 'resident' as const,
      callerContact: undefined,
      anonymous: true,
    }
    expect(rowFor(anonymous, gridStaff)['举报人']).toBe('（不显示）')
    expect(rowFor(hotlineCase(), gridStaff)['举报人']).toBe('接线员')
  })
})
