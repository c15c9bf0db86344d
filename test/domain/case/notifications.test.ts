import { notice } from '../../../src/domain/case/notifications'
import { shippedSettings } from '../../../src/domain/settings'

import type { CaseRecord } from '../../../src/domain/case/record'

const defaultPolicy = shippedSettings.policy

/** A case with just the fields the notices read. */
const record = {
  _id: 'case-1',
  caseNo: 'BG202503040001',
  reporterId: 'resident-1',
  gridId: 'block-a1',
  gridPath: ['city', 'district', 'street', 'community-a', 'block-a1'],
  description: '',
  deadlineAt: '2025-03-05T10:00:00.000Z',
} as CaseRecord

describe('the notices of the case lifecycle', () => {
  it('sends an escalation to the district office when it reaches the district, else to the grid leader first', () => {
    const act = { type: 'escalate', reason: 'cannot-handle', note: '' } as const
    expect(notice('case-escalated', { record, act, parent: { _id: 'district', level: 'district' } })).toEqual(
      {
        audience: { gridId: 'district', roles: ['district_office'] },
        kind: 'case-escalated',
        title: '有问题上报到您的网格',
        body: '处置不了：请研判处置',
      },
    )
    expect(
      notice('case-escalated', { record, act, parent: { _id: 'community-a', level: 'community' } }).audience,
    ).toEqual({ gridId: 'community-a', roles: ['grid_leader', 'grid_member', 'sunk_staff'] })
  })

  it('thanks the reporter for a rating, and says how many silent days closed a case they never answered', () => {
    const confirmed = notice('case-closed', {
      record,
      act: { type: 'confirm', rating: 4, comment: '' },
      policy: defaultPolicy,
    })
    expect(confirmed).toMatchObject({
      audience: { openid: 'resident-1' },
      title: '您的举报已结案',
      body: '感谢您的评价（4分）',
    })
    const silent = notice('case-closed', {
      record,
      act: { type: 'auto-confirm' },
      policy: { ...defaultPolicy, autoConfirmDays: 5 },
    })
    expect(silent.body).toBe('核查通过后5天内未收到您的反馈，视为满意')
  })

  it("takes a dispute past the reopenings to the supervisors of the level above the case's grid", () => {
    const act = { type: 'dispute', reason: '还在冒烟' } as const
    expect(notice('dispute-supervised', { record, act }).audience).toEqual({
      gridId: 'community-a',
      roles: ['supervisor'],
    })
  })

  it('words a card with the case number and its deadline, and a new case with its description if it has one', () => {
    expect(notice('red-card', { record }).body).toBe('问题BG202503040001办理期限：2025-03-05T10:00:00.000Z')
    expect(notice('new-case', { record }).body).toBe('请尽快认领处理')
    expect(notice('new-case', { record: { ...record, description: '渣土车带泥上路' } }).body).toBe(
      '渣土车带泥上路',
    )
  })
})
