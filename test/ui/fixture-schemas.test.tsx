import { actions, type ActionName } from '../../src/domain/contract'
import { boardPage, caseView, meView } from './fixtures'
import { awardView, ledgerItem, myPoints } from './rewards-fixtures'
import { assessmentView } from './assessment-fixtures'
import { streetWeeklyView, weeklyList, weeklyView } from './weekly-fixtures'

// The page tests stand the api in with these fixtures; each must be an answer the api could really give,
// so every fixture is parsed with the output schema of an action that returns it.
const answers: [string, ActionName, () => unknown][] = [
  ['a case', 'case.claim', () => ({ case: caseView() })],
  ['a case with its trail', 'case.get', () => ({ case: caseView(), events: [] })],
  ['my account', 'me.get', () => meView()],
  ['a board page', 'board.list', () => boardPage([caseView(), caseView({ id: 'case-2' })])],
  ['my points', 'points.mine', () => myPoints()],
  [
    'a ledger page',
    'points.ledger',
    () => ({
      nickname: '林女士',
      balance: 10,
      ledger: { items: [ledgerItem()], total: 1, hasMore: false, page: 1, pageSize: 20 },
    }),
  ],
  ['an award', 'award.draft', () => ({ award: awardView() })],
  ['an assessment', 'assessment.draft', () => ({ assessment: assessmentView() })],
  ['a weekly report', 'report.weekly.get', () => ({ report: weeklyView() })],
  [
    'a week of reports',
    'report.weekly.list',
    () =>
      weeklyList([streetWeeklyView(), weeklyView({ status: 'late', statusLabel: '逾期未交', late: true })]),
  ],
  [
    'a page of awards',
    'award.list',
    () => ({ items: [awardView()], total: 1, hasMore: false, page: 1, pageSize: 20 }),
  ],
]

describe('the UI fixtures are answers the api could give', () => {
  it.each(answers)('%s parses as the output of %s', (_, action, answer) => {
    const parsed = actions[action].output.safeParse(answer())
    expect(parsed.success ? [] : parsed.error.issues).toEqual([])
  })
})
