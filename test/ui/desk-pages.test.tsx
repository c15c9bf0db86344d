import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '../../src/pages/home/index'
import SupervisionPage from '../../src/pkg-staff/pages/supervision/index'
import type { ActionOutput, Bulletin } from '../../src/domain/contract'
import { figuresOf } from '../../src/domain/reports/overview'
import { actions } from '../../src/domain/contract'
import { resetTaro } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { caseView, meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

const district = { id: 'grid-410104', name: '管城回族区', level: 'district' as const, label: '管城回族区' }
const street = { id: 'grid-410104010', name: '航海东路街道', level: 'street' as const, label: '航海东路街道' }

function overview(): ActionOutput<'stats.overview'> {
  const figures = figuresOf({ c: { received: 42, due: 10, closed: 8, closedOnTime: 6, overdue: 2 } }, [])
  return {
    gridId: district.id,
    grid: district,
    period: '2026-12',
    periodKind: 'month',
    periodLabel: '2026年12月',
    periodEnded: false,
    updatedAt: null,
    ...figures,
    patrol: { rounds: 4, checkIns: 17, daysPatrolled: 9, gridsPatrolled: 5, gridsInScope: 12 },
  }
}

function bulletin(): Bulletin {
  return {
    streetId: street.id,
    street,
    day: '2026-12-01',
    figures: { received: 5, closed: 3, overdue: 1, escalations: 1, yellowCards: 0, redCards: 1 },
    flagged: [
      { caseId: 'case-9', caseNo: '20261201-0009', gridId: 'grid-1', note: '群众反映强烈', deadlineAt: null },
    ],
    notes: [
      {
        id: 'note-1',
        gridId: 'grid-1',
        grid: { ...street, id: 'grid-1', name: '映月路社区第1网格', level: 'block' },
        kind: 'interview',
        kindLabel: '约谈',
        note: '约谈网格长',
        caseId: null,
        byNickname: '督查室小冯',
        at: '2026-12-01T03:00:00.000Z',
      },
    ],
    generatedAt: '2026-12-01T17:10:00.000Z',
  }
}

const page = (filter: 'overdue' | 'red' | 'flagged', ids: string[]): ActionOutput<'supervision.list'> => ({
  grid: district,
  filter,
  items: ids.map((id) => caseView({ id, caseNo: `20261201-${id}` })),
  total: ids.length,
  hasMore: false,
  page: 1,
  pageSize: 10,
})

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

describe('the district desk on the home page', () => {
  it("lands a district office on the desk with the month's figures, not on the resident's 随手拍", async () => {
    onAction('me.get', () => ok(meView({ role: 'district_office', roleLabel: '区级办公室' })))
    onAction('case.mine', () => ok({ items: [], total: 0, hasMore: false, page: 1, pageSize: 5 }))
    onAction('stats.overview', () => ok(overview()))
    render(<HomePage />)
    await waitFor(() => expect(document.querySelector('.bg-desk-received')?.textContent).toBe('42'))
    expect(document.querySelector('.bg-desk-patrolled')?.textContent).toBe('5/12')
    expect(screen.getByText('80%')).toBeTruthy()
    expect(document.querySelector('.bg-report-entry')).toBeNull()
    expect(document.querySelector('.bg-desk-staff')).not.toBeNull()
    fireEvent.click(document.querySelector<HTMLElement>('.bg-desk-supervision')!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/supervision/index' })
    expect(actions['stats.overview'].output.safeParse(overview()).success).toBe(true)
  })

  it('gives the district office the alerts and stations pages, and not a supervisor', async () => {
    onAction('case.mine', () => ok({ items: [], total: 0, hasMore: false, page: 1, pageSize: 5 }))
    onAction('stats.overview', () => ok(overview()))
    onAction('me.get', () => ok(meView({ role: 'district_office', roleLabel: '区级办公室' })))
    const office = render(<HomePage />)
    await waitFor(() => expect(document.querySelector('.bg-desk-alerts')).not.toBeNull())
    expect(document.querySelector('.bg-desk-alerts')?.textContent).toMatch('重污染预警')
    fireEvent.click(document.querySelector<HTMLElement>('.bg-desk-alerts')!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/alerts/index' })
    expect(document.querySelector('.bg-desk-stations')?.textContent).toMatch('在线监测站点')
    fireEvent.click(document.querySelector<HTMLElement>('.bg-desk-stations')!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/stations/index' })
    office.unmount()

    onAction('me.get', () => ok(meView({ role: 'supervisor', roleLabel: '督查室' })))
    render(<HomePage />)
    await waitFor(() => expect(document.querySelector('.bg-desk-supervision')).not.toBeNull())
    expect(document.querySelector('.bg-desk-alerts')).toBeNull()
    expect(document.querySelector('.bg-desk-stations')).toBeNull()
  })

  it('keeps the 随手拍 home for a resident, and never asks a resident for figures', async () => {
    onAction('me.get', () => ok(meView({ role: 'resident', roleLabel: '市民' })))
    onAction('case.mine', () => ok({ items: [], total: 0, hasMore: false, page: 1, pageSize: 5 }))
    render(<HomePage />)
    await waitFor(() => expect(document.querySelector('.bg-home__me')).not.toBeNull())
    expect(document.querySelector('.bg-report-entry')).not.toBeNull()
    expect(payloadsOf('stats.overview')).toEqual([])
  })
})

describe('the 督查室 page', () => {
  it("lists the district's overdue cases first, switches to the flagged ones, and shows yesterday's bulletins", async () => {
    onAction('supervision.list', (payload) => {
      const { filter } = payload as { filter: 'overdue' | 'flagged' }
      return ok(page(filter, filter === 'overdue' ? ['0001', '0002'] : ['0003']))
    })
    onAction('supervision.bulletin', () => ok({ day: '2026-12-01', bulletins: [bulletin()] }))
    render(<SupervisionPage />)
    expect(await screen.findByText('管城回族区 · 超期未办结：共 2 条')).toBeTruthy()
    expect(document.querySelector('.bg-case-card-20261201-0001')).not.toBeNull()
    expect(await screen.findByText('挂牌督办 20261201-0009：群众反映强烈 ›')).toBeTruthy()
    expect(screen.getByText('约谈（映月路社区第1网格）：约谈网格长')).toBeTruthy()
    expect(bulletin()).toEqual(
      actions['supervision.bulletin'].output.parse({ day: '2026-12-01', bulletins: [bulletin()] })
        .bulletins[0],
    )

    fireEvent.click(document.querySelector<HTMLElement>('.bg-supervision-filter-flagged')!)
    expect(await screen.findByText('管城回族区 · 挂牌督办：共 1 条')).toBeTruthy()
    expect(payloadsOf('supervision.list')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ filter: 'overdue' }),
        expect.objectContaining({ filter: 'flagged' }),
      ]),
    )
    fireEvent.click(document.querySelector<HTMLElement>('.bg-case-card-20261201-0003 .bg-case-card__body')!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/handle/index?id=0003' })
  })

  it('says so when the district has nothing of a kind, and when no bulletin has been drafted yet', async () => {
    onAction('supervision.list', () => ok(page('overdue', [])))
    onAction('supervision.bulletin', () => ok({ day: '2026-12-01', bulletins: [] }))
    render(<SupervisionPage />)
    expect(await screen.findByText('辖区内没有超期未办结的问题')).toBeTruthy()
    expect(await screen.findByText('通报在每天凌晨生成，暂无该日通报')).toBeTruthy()
  })
  it("records an accountability note on a case's grid, refusing an empty one, and retries a failed save as the same note", async () => {
    onAction('supervision.list', () => ok(page('overdue', ['0001'])))
    onAction('supervision.bulletin', () => ok({ day: '2026-12-01', bulletins: [bulletin()] }))
    let saves = 0
    onAction('supervision.note', () => {
      saves += 1
      return saves === 1 ? fail('unavailable', '网络繁忙，请稍后再试') : ok({ replayed: false, note: {} })
    })
    render(<SupervisionPage />)
    const open = await waitFor(() => {
      const link = document.querySelector<HTMLElement>('.bg-supervision__item .bg-note-open')
      if (!link) throw new Error('no note link yet')
      return link
    })
    fireEvent.click(open)
    const confirm = async () =>
      act(async () => {
        fireEvent.click(document.querySelector<HTMLElement>('.bg-note-dialog .nut-dialog-footer-ok')!)
      })

    // Nothing chosen: the reasons show and nothing is sent.
    await confirm()
    expect(await screen.findByText('请选择记录类型')).toBeTruthy()
    expect(screen.getByText('请填写记录内容')).toBeTruthy()
    expect(payloadsOf('supervision.note')).toEqual([])

    fireEvent.click(screen.getByText('约谈'))
    fireEvent.change(document.querySelector('.bg-note-text textarea')!, {
      target: { value: '约谈网格长，限期三日整改' },
    })
    await confirm()
    await waitFor(() => expect(payloadsOf('supervision.note')).toHaveLength(1))
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '网络繁忙，请稍后再试', icon: 'none' })
    await confirm()
    await waitFor(() => expect(payloadsOf('supervision.note')).toHaveLength(2))
    const [first, second] = payloadsOf('supervision.note') as Record<string, unknown>[]
    expect(second).toEqual(first)
    expect(first).toMatchObject({
      gridId: caseView({ id: '0001' }).grid.id,
      caseId: '0001',
      kind: 'interview',
      note: '约谈网格长，限期三日整改',
    })
    expect(actions['supervision.note'].input.safeParse(first).success).toBe(true)
    await waitFor(() => expect(document.querySelector('.bg-note-text')).toBeNull())
  })

  it("opens a note on a street's record from its bulletin", async () => {
    onAction('supervision.list', () => ok(page('overdue', [])))
    onAction('supervision.bulletin', () => ok({ day: '2026-12-01', bulletins: [bulletin()] }))
    onAction('supervision.note', () => ok({ replayed: false, note: {} }))
    render(<SupervisionPage />)
    fireEvent.click(await screen.findByText('记一笔（约谈、通报、督促） ›'))
    expect(document.querySelector('.bg-note-form__target')?.textContent).toBe('航海东路街道')
    fireEvent.click(screen.getByText('通报'))
    fireEvent.change(document.querySelector('.bg-note-text textarea')!, { target: { value: '通报批评' } })
    await act(async () => {
      fireEvent.click(document.querySelector<HTMLElement>('.bg-note-dialog .nut-dialog-footer-ok')!)
    })
    await waitFor(() =>
      expect(payloadsOf('supervision.note')).toEqual([
        expect.objectContaining({ gridId: street.id, kind: 'notice', note: '通报批评' }),
      ]),
    )
    expect(payloadsOf('supervision.note')[0]).not.toHaveProperty('caseId')
  })
})
