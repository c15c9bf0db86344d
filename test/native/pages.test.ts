/**
 * @jest-environment jsdom
 */
// jsdom (not the node project's default environment) because miniprogram-simulate renders into a DOM.

import path from 'path'
import { previousPeriodKey } from '../../src/domain/rewards/points'
import { caseView, meView, boardPage } from '../ui/fixtures'
import { awardView, myPoints } from '../ui/rewards-fixtures'
import { assessmentView } from '../ui/assessment-fixtures'
import { streetWeeklyView, weeklyList, weeklyView } from '../ui/weekly-fixtures'
import { deskCharts, deskOverview } from '../ui/desk-fixtures'
import { deskMapView } from '../ui/desk-map-fixtures'
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
  'pages/my-cases/index': {
    signedOut: ['请先登录', '重试'],
    // "共 N 条举报" appears only with case.mine's answer.
    signedIn: ['共 1 条举报', '出入车辆未100%冲洗'],
  },
  'pages/messages/index': {
    signedOut: ['请先登录', '重试'],
    signedIn: ['您的举报已被认领', '问题编号 BG202501010001'],
  },
  'pages/privacy/index': {
    // Static text: the same for everyone.
    signedOut: ['我们保存什么', '保存多久'],
    signedIn: ['我们保存什么', '保存多久'],
  },
  'pkg-staff/pages/board/index': {
    signedOut: ['待认领', '请先登录'],
    // "共 N 条" appears only with board.list's answer; the card shows the case's check; the tally is grid.cards'.
    signedIn: ['共 1 条', '出入车辆未100%冲洗', '逾期未办 0'],
  },
  'pkg-staff/pages/handle/index': {
    query: { id: 'case-1' },
    signedOut: ['请先登录', '重试'],
    // A grid member on a pending case of their grid is offered the claim (me.get and case.get both answered).
    signedIn: ['编号 BG202501010001', '可进行的操作', '认领'],
  },
  'pkg-rewards/pages/points/index': {
    signedOut: ['请先登录', '重试'],
    // The balance card and the ledger line only appear with points.mine's answer.
    signedIn: ['我的积分', '举报被受理', '距月度环保市民（前 10 名）还差 12 分'],
  },
  'pkg-rewards/pages/leaderboard/index': {
    signedOut: ['月度', '请先登录'],
    signedIn: ['我的排名：第 57 名', '周先生'],
  },
  'pkg-rewards/pages/honors/index': {
    signedOut: ['全部', '请先登录'],
    signedIn: ['月度环保市民', '已发布', '林女士'],
  },
  'pkg-onboard/pages/join/index': {
    query: { code: 'ABCDEFGHJK' },
    signedOut: ['请先登录', '重试'],
    // What the invite is for appears only with invite.preview's answer.
    signedIn: ['角色：网格员', '接受邀请'],
  },
  'pkg-onboard/pages/staff/index': {
    signedOut: ['请先登录', '重试'],
    signedIn: ['邀请新成员', '邀请记录（1）', '本区人员（1）', '网格员小许 · 网格员'],
  },
  'pkg-rewards/pages/review/index': {
    signedOut: ['请先登录', '生成草稿'],
    signedIn: ['草稿·待审核发布', '审核通过并发布', '林女士'],
  },
  // A form: nothing to load, the same for either caller (the server refuses anyone but an office's operator).
  'pkg-staff/pages/hotline/index': {
    signedOut: ['来电人', '来电反映的问题', '登记'],
    signedIn: ['来电人信息只有办理该问题的工作人员可见。'],
  },
  // The walker's latest round: open, with its track and duration.
  'pkg-staff/pages/patrol/index': {
    signedOut: ['请先登录', '重试'],
    signedIn: ['巡查中', '打卡 1 次', '在此打卡', '发现问题', '结束巡查'],
  },
  'pkg-staff/pages/assessment/index': {
    signedOut: ['请先登录', '重试'],
    signedIn: ['2026年11月 · 已发布', '红榜', '航海东路街道', '红牌1张，扣2分，约谈负责人'],
  },
  'pkg-staff/pages/supervision/index': {
    signedOut: ['请先登录', '重试', '日督查通报'],
    signedIn: ['超期未办结', '辖区内没有超期未办结的问题', '通报在每天凌晨生成，暂无该日通报'],
  },
  'pkg-staff/pages/deliveries/index': {
    signedOut: ['请先登录', '重试', '发送失败'],
    signedIn: [
      '发送失败：共 1 条',
      '您的举报已分派到网格',
      '微信返回 45009：reach max api daily quota limit',
      '重新发送',
    ],
  },
  'pkg-staff/pages/exports/index': {
    signedOut: ['请先登录', '重试'],
    // The caller's grid comes with me.get; the finished export and its button with export.list.
    signedIn: ['导出案件清单', '开始导出', '共 12 条', '打开文件'],
  },
  'pkg-staff/pages/sites/index': {
    signedOut: ['请先登录', '重试'],
    signedIn: [
      '共 1 个污染源',
      '映月路安置房工地',
      '黄码',
      '建筑工地 · 映月路社区第1网格',
      '近期关联问题 1 件',
    ],
  },
  'pkg-staff/pages/site/index': {
    query: { site: 'site-1' },
    signedOut: ['请先登录', '重试'],
    signedIn: ['责任单位：郑州建工集团', '联系人：张经理 13800000001', '关联问题（共 1 件）', '无重复问题'],
  },
  // A form: nothing to load, the same for either caller (the server refuses anyone but a district office).
  'pkg-staff/pages/site-import/index': {
    signedOut: ['表格格式', '选择表格（.xlsx）'],
    signedIn: ['检查（不写入）', '导入'],
  },
  // The district's two streets as rows with their values, and the open case on WeChat's map.
  'pkg-desk/pages/map/index': {
    signedOut: ['请先登录', '重试', '受理', '全部未结'],
    signedIn: ['管城回族区 · 2026年12月 · 受理', '航海东路街道', '未结问题 1 件', '受理（越高越差）'],
  },
  // The form asks nothing of the cloud for a new site; with a site's id it is filled from site.get.
  'pkg-staff/pages/site-edit/index': {
    signedOut: ['新增污染源', '污染源位置', '登记污染源'],
    signedIn: ['新增污染源', '所属网格：保存后按位置自动归入所在网格'],
  },
  // The alert in force (alert.current) with its measures, and the history (alert.list).
  'pkg-staff/pages/alerts/index': {
    signedOut: ['当前预警', '请先登录', '发布预警', '重试'],
    signedIn: [
      '橙色预警期间：停止室外焊接、喷涂作业。',
      '预警记录 · 共 1 条',
      '大气办小李 发布于 2026-11-22 20:00',
      '解除预警 ›',
    ],
  },
  // The register form and the district's stations (station.list), one of them over the threshold.
  'pkg-staff/pages/stations/index': {
    signedOut: ['登记监测站点', '站点位置', '重试'],
    signedIn: ['本区监测站点 · 共 1 个', '映月路监测点', '超标中', '查看本次超标的监测曲线 ›'],
  },
  'pkg-staff/pages/weekly/index': {
    signedOut: ['请先登录', '重试'],
    signedIn: ['2026年第48周周报（11月19日—11月25日）', '航海东路街道 · 街道汇总', '逾期未交', '导出 Excel'],
  },
  'pkg-staff/pages/weekly-report/index': {
    query: { report: 'grid-community-1:2026-R48' },
    signedOut: ['请先登录', '重试'],
    signedIn: ['航海东路街道 / 映月路社区', '三、办理情况', '黄牌 3 · 红牌 1 · 督办 2'],
  },
  // The desk's pages: the figures and the charts appear only with stats.overview's and stats.charts' answers.
  'pkg-desk/pages/overview/index': {
    signedOut: ['请先登录', '重试'],
    signedIn: ['管城回族区 · 2026年12月', '统计中', '按期结案率', '60.0%', '道路扬尘'],
  },
  'pkg-desk/pages/charts/index': {
    signedOut: ['请先登录', '重试'],
    signedIn: ['每周受理与结案', '问题类别构成', '办结用时分布', '1. 紫荆山南路街道', '100.0% · 受理 12'],
  },
}

/** A grid member with one pending case in their grid, answering like the api function. */
const signedInGridMember: CloudResponder = (action, payload) => {
  const item = caseView()
  const siteView = {
    id: 'site-1',
    name: '映月路安置房工地',
    type: 'construction',
    typeLabel: '建筑工地',
    address: '映月路与航海东路交叉口东北角',
    location: item.location,
    grid: item.grid,
    creditCode: '',
    responsibleUnit: '郑州建工集团',
    contactName: '张经理',
    contactPhone: '13800000001',
    status: 'yellow',
    statusLabel: '黄码',
    recentCases: 1,
    updatedAt: item.createdAt,
  }
  switch (action) {
    case 'me.get':
      return ok(meView())
    case 'case.mine':
      return ok({ items: [caseView({ isMine: true })], total: 1, page: 1, pageSize: 5 })
    case 'case.get':
      return ok({
        case: { ...item, id: (payload as { caseId: string }).caseId },
        events: [
          {
            seq: 1,
            type: 'submit',
            label: '提交举报',
            actorLabel: '林女士',
            from: '',
            to: 'pending',
            note: '',
            evidence: [],
            at: item.createdAt,
          },
        ],
      })
    case 'desk.map':
      return ok(deskMapView())
    case 'board.list':
      return ok(boardPage([item]))
    case 'grid.cards':
      return ok({ grid: item.grid, month: '2026-11', yellow: 0, red: 0, openOverdue: 0 })
    case 'notification.list':
      return ok({
        items: [
          {
            id: 'n1',
            kind: 'case-claimed',
            caseId: item.id,
            caseNo: item.caseNo,
            title: '您的举报已被认领',
            body: '',
            createdAt: item.createdAt,
          },
        ],
        total: 1,
        page: 1,
        pageSize: 20,
      })
    case 'points.mine':
      return ok(myPoints())
    case 'points.leaderboard':
      return ok({
        kind: 'month',
        period: '2026-11',
        periodLabel: '2026年11月',
        ended: false,
        list: 'staff',
        listLabel: '工作人员榜',
        scope: 'all',
        scopeId: null,
        scopeName: '全部',
        title: '月度环保市民·工作人员组',
        winners: 10,
        ranked: 57,
        items: [{ rank: 1, nickname: '周先生', points: 90, acceptedReports: 7, isMe: false }],
        me: { rank: 57, points: 10, acceptedReports: 1 },
      })
    case 'invite.preview':
      return ok({
        role: 'grid_member',
        roleLabel: '网格员',
        grid: item.grid,
        name: '',
        state: 'open',
        stateLabel: '待使用',
        expiresAt: item.createdAt,
        mine: false,
      })
    case 'invite.options':
      return ok({
        district: {
          ...item.grid,
          id: 'district',
          level: 'district',
          name: '管城回族区',
          label: '管城回族区',
        },
        roles: [{ role: 'grid_member', label: '网格员' }],
        grids: [item.grid],
        validDays: 7,
      })
    case 'invite.list':
      return ok({
        items: [
          {
            id: 'a'.repeat(64),
            role: 'grid_member',
            roleLabel: '网格员',
            grid: item.grid,
            name: '小王',
            state: 'open',
            stateLabel: '待使用',
            createdAt: item.createdAt,
            expiresAt: item.createdAt,
            usedBy: null,
            usedAt: null,
          },
        ],
        total: 1,
        page: 1,
        pageSize: 10,
      })
    case 'staff.list':
      return ok({
        items: [
          {
            id: 'demo-grid-member',
            openid: 'demo-grid-member',
            nickname: '网格员小许',
            role: 'grid_member',
            roleLabel: '网格员',
            grids: [item.grid],
          },
        ],
        total: 1,
        page: 1,
        pageSize: 20,
      })
    case 'award.list': {
      const published = (payload as { status?: string }).status === 'published'
      const award = published
        ? awardView({
            status: 'published',
            statusLabel: '已发布',
            publishedAt: item.createdAt,
            publishedBy: '长效办小胡',
          })
        : awardView({ period: previousPeriodKey('month', new Date()) })
      return ok({ items: [award], total: 1, page: 1, pageSize: 10 })
    }
    case 'assessment.list':
      return ok({ items: [assessmentView({ status: 'published', statusLabel: '已发布' })] })
    case 'report.weekly.list':
      return ok(
        weeklyList([streetWeeklyView(), weeklyView({ status: 'late', statusLabel: '逾期未交', late: true })]),
      )
    case 'stats.overview':
      return ok(deskOverview())
    case 'stats.charts':
      return ok(deskCharts(new Date('2026-12-02T02:00:00.000Z')))
    case 'report.weekly.get':
      return ok({ report: weeklyView() })
    case 'export.list':
      return ok({
        items: [
          {
            id: 'e'.repeat(32),
            format: 'xlsx',
            grid: item.grid,
            filters: { status: 'all', period: '2026-11' },
            filterLabel: '全部状态 · 全部类别 · 2026年11月',
            status: 'done',
            statusLabel: '已完成',
            progress: { done: 12, total: 12 },
            rows: 12,
            fileName: '案件清单_映月路社区第1网格_2026年11月_20261130-1000.xlsx',
            fileID: 'cloud://bluegrid-test.bucket/exports/a/cases.xlsx',
            url: 'https://example.invalid/exports/a/cases.xlsx',
            expiresAt: item.createdAt,
            message: null,
            createdAt: item.createdAt,
            finishedAt: item.createdAt,
          },
        ],
      })
    case 'supervision.list':
      return ok({
        grid: item.grid,
        filter: 'overdue',
        items: [],
        total: 0,
        hasMore: false,
        page: 1,
        pageSize: 10,
      })
    case 'supervision.bulletin':
      return ok({ day: '2026-12-01', bulletins: [] })
    case 'notification.deliveries':
      return ok({
        items: [
          {
            id: 'event-1:0',
            kind: 'case-routed',
            caseId: item.id,
            caseNo: item.caseNo,
            title: '您的举报已分派到网格',
            state: 'failed',
            stateLabel: '发送失败',
            attempts: 5,
            errCode: 45009,
            errMsg: 'reach max api daily quota limit',
            createdAt: item.createdAt,
            claimedAt: null,
            stuck: false,
            canResend: true,
          },
        ],
        total: 1,
        hasMore: false,
        page: 1,
        pageSize: 10,
      })
    case 'site.list':
      return ok({
        items: [siteView],
        total: 1,
        hasMore: false,
        page: 1,
        pageSize: 10,
        types: [{ id: 'construction', label: '建筑工地' }],
      })
    case 'site.get':
      return ok({
        site: siteView,
        caseCount: 1,
        history: [
          {
            caseId: item.id,
            caseNo: item.caseNo,
            categoryId: item.categoryId,
            categoryLabel: item.categoryName,
            description: item.description,
            reportedAt: item.createdAt,
            linkedAt: item.createdAt,
            linkedByNickname: '网格员小许',
          },
        ],
        repeatOffences: [],
        windowDays: 30,
      })
    case 'alert.current':
    case 'alert.list': {
      const alert = {
        id: 'grid-410104:1',
        districtId: 'grid-410104',
        level: 'orange',
        label: '橙色预警',
        colour: '#e8590c',
        measures: '橙色预警期间：停止室外焊接、喷涂作业。',
        startsAt: '2026-11-23T00:00:00.000Z',
        endsAt: '2099-11-25T04:00:00.000Z',
        state: 'in-force',
      }
      if (action === 'alert.current') return ok({ alert })
      return ok({
        items: [
          {
            ...alert,
            plannedEndsAt: alert.endsAt,
            note: '',
            setByNickname: '大气办小李',
            setAt: '2026-11-22T12:00:00.000Z',
            lift: null,
          },
        ],
        total: 1,
        hasMore: false,
        page: 1,
        pageSize: 10,
      })
    }
    case 'station.list':
      return ok({
        items: [
          {
            id: 'gc-yingyue-01',
            name: '映月路监测点',
            address: '映月路与商鼎路交叉口',
            location: item.location,
            grid: item.grid,
            registeredAt: item.createdAt,
            secretFingerprint: '0a1b2c3d4e5f',
            caseId: item.id,
          },
        ],
        total: 1,
        hasMore: false,
        page: 1,
        pageSize: 10,
      })
    case 'patrol.round':
      return ok({
        round: {
          id: `round-${'a'.repeat(24)}`,
          startedAt: '2026-12-01T01:00:00.000Z',
          endedAt: null,
          endedBy: null,
          open: true,
          durationMinutes: 35,
          track: [
            {
              patrolId: 'patrol-1',
              at: '2026-12-01T01:20:00.000Z',
              location: { lng: 113.6925, lat: 34.7288 },
              gridId: item.grid.id,
              hasPhotos: true,
            },
          ],
          caseIds: [],
        },
      })
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
  test.each(Object.keys(expectations))(
    '%s mounts and renders',
    async (route) => {
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
          expect(program.fake.cloudCalls).toContainEqual(
            expect.objectContaining({ action: 'case.get', payload: { caseId: expected.query.id } }),
          )
        }

        page.unmount()
        expect(program.errors).toEqual([])
        expect(consoleErrors.mock.calls).toEqual([])
      } finally {
        consoleErrors.mockRestore()
      }
    },
    20_000,
  )
})
