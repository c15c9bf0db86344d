import { describeIssues } from '../../../src/domain/contract'
import { weeklyInputs } from '../../../src/domain/reports/weekly-contract'

const issuesOf = (result: { success: boolean; error?: Parameters<typeof describeIssues>[0] }) =>
  result.error ? describeIssues(result.error) : {}

describe('weekly report inputs', () => {
  it('accepts a leader’s submission and trims its text', () => {
    const parsed = weeklyInputs['report.weekly.submit'].parse({
      id: 'c1:2026-R49',
      problems: '  工地扬尘  ',
      suggestions: '加强巡查',
      nextWeek: '重点检查渣土车',
    })
    expect(parsed.problems).toBe('工地扬尘')
  })

  it('names each missing free-text field in Chinese', () => {
    const result = weeklyInputs['report.weekly.submit'].safeParse({ id: 'c1:2026-R49', problems: ' ' })
    expect(issuesOf(result)).toEqual({
      problems: '请填写存在的问题',
      suggestions: '请填写意见建议',
      nextWeek: '请填写下周工作重点',
    })
  })

  it('takes only report weeks, not ISO weeks or days', () => {
    const schema = weeklyInputs['report.weekly.export']
    expect(schema.safeParse({ week: '2026-R49' }).success).toBe(true)
    expect(issuesOf(schema.safeParse({ week: '2026-W49' }))).toEqual({
      week: '周次格式不正确，例如 2026-R49',
    })
    expect(schema.safeParse({ week: '2026-12-03' }).success).toBe(false)
  })

  it('refuses a merge text over its limit', () => {
    const result = weeklyInputs['report.weekly.merge'].safeParse({
      streetId: 's1',
      week: '2026-R49',
      text: '字'.repeat(2001),
    })
    expect(issuesOf(result)).toEqual({ text: '不能超过2000字' })
  })
})
