import { caseActKeys, caseActionOf, caseActs } from '../../../src/domain/case/act-table'
import { caseActions } from '../../../src/domain/case/contract'
import { caseCommands } from '../../../src/domain/case/status'

describe('the act table', () => {
  it.each(caseActKeys)(
    'spells %s once: its action is in the contract and its command in the status table',
    (key) => {
      expect(caseActions).toHaveProperty([caseActionOf(key)])
      expect(caseCommands).toContain(caseActs[key].command)
    },
  )

  it('turns a verification into a pass or a failure by its verdict', () => {
    const input = { caseId: 'case-1', note: '仍有扬尘' }
    expect(caseActs.verify.toAct({ ...input, passed: true })).toEqual({ type: 'verify', note: '仍有扬尘' })
    expect(caseActs.verify.toAct({ ...input, passed: false })).toEqual({
      type: 'fail-verification',
      note: '仍有扬尘',
    })
  })

  it('hands the domain a supervision deadline in the one ISO form the store compares', () => {
    const act = caseActs.supervise.toAct({
      caseId: 'case-1',
      deadlineAt: '2025-03-07T10:00Z',
      note: '限期整改',
    })
    expect(act).toEqual({ type: 'supervise', deadlineAt: '2025-03-07T10:00:00.000Z', note: '限期整改' })
  })

  it('leaves the acts that look people, a photo or a second case up to handlers of their own', () => {
    expect(caseActKeys.filter((key) => !('toAct' in caseActs[key]))).toEqual([
      'attachHandlers',
      'merge',
      'approveEvidence',
      'linkSite',
    ])
  })
})
