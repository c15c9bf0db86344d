/**
 * @jest-environment jsdom
 */
// jsdom (not the node project's default environment) because miniprogram-simulate renders into a DOM.

import path from 'path'
import { caseView, meView, boardPage } from '../ui/fixtures'
import { pageRoutes, snapshotDist, type DistSnapshot } from './support/dist-snapshot'
import { fail, ok, signedOut, type CloudResponder } from './support/fake-wx'
import { launchMiniProgram, waitForTexts } from './support/mount-page'

/**
 * Every page of the real weapp build mounts under miniprogram-simulate (WeChat's template compiler, Taro's
 * runtime and React as built) and renders its content after the cloud answers.
 *
 * Two callers: one without an account (every action answers `not-signed-in`, so pages show their error or
 * signed-out states) and a signed-in grid member (plausible data, so pages show it). The expected strings come
 * from src/pages/<page>/index.tsx and src/pkg-staff/pages/<page>/index.tsx; each is only shown once the cloud's
 * answer has gone through React and Taro's setData, so a page stuck at "加载中…" fails.
 */

const distDir = path.join(__dirname, '../../dist')

interface PageExpectation {
  /** onLoad options, as WeChat passes the URL's query. */
  query?: Record<string, string>
  signedOut: string[]
  signedIn: string[]
}

const expectations: Record<string, PageExpectation> = {
  'pages/home/index': {
    signedOut: ['随手拍', '请先登录后查看您的举报和积分'],
    // The caller's nickname (me.get) and the check of their one case (case.mine).
    signedIn: ['网格员小许', '出入车辆未100%冲洗'],
  },
  'pages/me/index': {
    // On weapp there is no dev login: me.get's refusal shows as the error state with a retry button.
    signedOut: ['请先登录', '重试'],
    signedIn: ['网格员小许', '负责网格'],
  },
  'pages/report/index': {
    // The form asks nothing of the cloud when it opens.
    signedOut: ['问题类别', '获取当前位置'],
    signedIn: ['问题类别', '获取当前位置'],
  },
  'pages/case-detail/index': {
    query: { id: 'case-1' },
    signedOut: ['请先登录', '重试'],
    signedIn: ['编号 BG202501010001', '处理进度'],
  },
  'pkg-staff/pages/board/index': {
    signedOut: ['待认领', '请先登录'],
    // "共 N 条" appears only with board.list's answer; the card shows the case's check.
    signedIn: ['共 1 条', '出入车辆未100%冲洗'],
  },
}

/** A grid member with one pending case in their grid, answering like the api function. */
const signedInGridMember: CloudResponder = (action, payload) => {
  const item = caseView()
  switch (action) {
    case 'me.get':
      return ok(meView())
    case 'case.mine':
      return ok({ items: [caseView({ isMine: true })], total: 1, page: 1, pageSize: 5 })
    case 'case.get':
      return ok({
        case: { ...item, id: (payload as { caseId: string }).caseId },
        events: [{ seq: 1, type: 'submit', label: '提交举报', actorLabel: '林女士', from: '', to: 'pending', note: '', at: item.createdAt }],
      })
    case 'board.list':
      return ok(boardPage([item]))
    default:
      return fail('unknown-action', '不支持的操作')
  }
}

const callers: [title: string, caller: 'signedOut' | 'signedIn', respond: CloudResponder][] = [
  ['without an account', 'signedOut', signedOut],
  ['as a signed-in grid member', 'signedIn', signedInGridMember],
]

let snapshot: DistSnapshot

beforeAll(async () => {
  snapshot = await snapshotDist(distDir)
}, 150_000)

afterAll(() => snapshot?.dispose())

test('every page in app.json has expectations here (a new page must be added to this test)', () => {
  expect(Object.keys(expectations).sort()).toEqual(pageRoutes(snapshot.appJson).sort())
})

describe.each(callers)('%s', (_title, caller, respond) => {
  test.each(Object.keys(expectations))('%s mounts and renders', async (route) => {
    const expected = expectations[route]!
    // Taro and React report render failures through console.error; any of them fails the page.
    const consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const program = launchMiniProgram(snapshot, respond)
      const page = program.mountPage(route, expected.query)

      await waitForTexts(page, expected[caller])

      // onLoad went through Taro: the page instance carries the path Taro keyed it by, with the query.
      expect(String(page.instance.$taroPath)).toMatch(new RegExp(`^${route}\\?`))
      if (expected.query?.id) {
        expect(program.fake.cloudCalls).toContainEqual(expect.objectContaining({ action: 'case.get', payload: { caseId: expected.query.id } }))
      }

      page.unmount()
      expect(program.errors).toEqual([])
      expect(consoleErrors.mock.calls).toEqual([])
    } finally {
      consoleErrors.mockRestore()
    }
  }, 20_000)
})
