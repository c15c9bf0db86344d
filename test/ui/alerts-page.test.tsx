import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { actions, type ActionOutput } from '../../src/domain/contract'
import AlertsPage from '../../src/pkg-staff/pages/alerts/index'
import { emptyAlertForm, pickedInstant } from '../../src/pkg-staff/pages/alerts/alert-form'
import Taro, { resetTaro } from '../fakes/taro'
import { cloud, fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

type AlertRecord = ActionOutput<'alert.list'>['items'][number]

const record = (overrides: Partial<AlertRecord> = {}): AlertRecord =>
  actions['alert.list'].output.parse({
    items: [
      {
        id: 'grid-410104:1',
        districtId: 'grid-410104',
        level: 'orange',
        label: '橙色预警',
        colour: '#e8590c',
        measures: '橙色预警期间：停止室外焊接、喷涂作业。',
        startsAt: '2026-11-23T00:00:00.000Z',
        endsAt: '2026-11-25T04:00:00.000Z',
        state: 'in-force',
        plannedEndsAt: '2026-11-25T04:00:00.000Z',
        note: '依据市指挥部通知',
        setByNickname: '大气办小李',
        setAt: '2026-11-22T12:00:00.000Z',
        lift: null,
        ...overrides,
      },
    ],
    total: 1,
    hasMore: false,
    page: 1,
    pageSize: 10,
  }).items[0]!

const page = (items: AlertRecord[]) =>
  ok({ items, total: items.length, hasMore: false, page: 1, pageSize: 10 })

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}
const type = (selector: string, value: string) => fireEvent.change($(selector), { target: { value } })

beforeEach(() => {
  resetTaro()
  resetPlatform()
  onAction('alert.current', () => ok({ alert: null }))
  onAction('alert.list', () => page([]))
})

describe('the district office’s alerts page', () => {
  it('shows the alert in force with its measures, and the history with who set it', async () => {
    const inForce = record()
    const {
      lift: _lift,
      plannedEndsAt: _planned,
      note: _note,
      setByNickname: _by,
      setAt: _at,
      ...view
    } = inForce
    onAction('alert.current', () => ok({ alert: view }))
    onAction('alert.list', () =>
      page([
        inForce,
        record({
          id: 'grid-410104:0',
          level: 'yellow',
          label: '黄色预警',
          colour: '#d9a300',
          state: 'ended',
          note: '',
          setByNickname: '大气办小王',
          lift: { at: '2026-11-10T02:00:00.000Z', note: '空气质量好转', byNickname: '大气办小王' },
        }),
      ]),
    )
    render(<AlertsPage />)
    expect(await screen.findByText('橙色预警期间：停止室外焊接、喷涂作业。')).toBeTruthy()
    expect($('.bg-alerts-current-level').style.backgroundColor).toBe('rgb(232, 89, 12)')
    expect(await screen.findByText('预警记录 · 共 2 条')).toBeTruthy()
    expect(screen.getByText('大气办小李 发布于 2026-11-22 20:00')).toBeTruthy()
    expect(screen.getByText('大气办小王 2026-11-10 10:00 解除：空气质量好转')).toBeTruthy()
    expect(screen.getByText('已解除')).toBeTruthy()
    // Only the alert not yet over may be lifted.
    expect(document.querySelectorAll('.bg-alert-lift')).toHaveLength(1)
  })

  it('says in Chinese what is missing or wrong, and sends nothing', async () => {
    render(<AlertsPage />)
    expect(await screen.findByText('本区当前没有生效的重污染天气预警')).toBeTruthy()
    fireEvent.click($('#bg-alert-submit'))
    expect(await screen.findByText('请选择预警级别')).toBeTruthy()

    fireEvent.click($('.bg-alert-level-red'))
    type('.bg-alert-end-date input', '2020-01-01')
    fireEvent.click($('#bg-alert-submit'))
    expect(await screen.findByText('结束时间应晚于开始时间')).toBeTruthy()
    type('.bg-alert-end-time input', '')
    fireEvent.click($('#bg-alert-submit'))
    expect(await screen.findByText('请填写预警结束时间')).toBeTruthy()
    expect(payloadsOf('alert.set')).toEqual([])
  })

  it('sets the alert with the picked Beijing times, then shows it in force', async () => {
    const set = record({ level: 'red', label: '红色预警', colour: '#c92a2a', state: 'upcoming' })
    onAction('alert.set', () => ok({ alert: set }))
    render(<AlertsPage />)
    await screen.findByText('本区当前没有生效的重污染天气预警')
    fireEvent.click($('.bg-alert-level-red'))
    // The chosen level's measures are shown before it is set.
    expect(document.querySelector('.bg-alerts-measures-preview')?.textContent).toMatch(/红色预警期间/)
    fireEvent.click($('.bg-alert-duration-48'))
    type('.bg-alert-note textarea', '依据市指挥部通知')
    const start = pickedInstant(
      ($('.bg-alert-start-date input') as HTMLInputElement).value,
      ($('.bg-alert-start-time input') as HTMLInputElement).value,
    )!
    onAction('alert.current', () => ok({ alert: { ...set, state: 'in-force' } }))
    fireEvent.click($('#bg-alert-submit'))

    await waitFor(() => expect(payloadsOf('alert.set')).toHaveLength(1))
    expect(payloadsOf('alert.set')[0]).toEqual({
      level: 'red',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 48 * 3_600_000).toISOString(),
      note: '依据市指挥部通知',
    })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '红色预警已发布' }))
    expect(await screen.findByText('红色预警', { selector: '.bg-alerts-current-level' })).toBeTruthy()
  })

  it('shows the server’s refusal of an overlapping alert in its own words', async () => {
    onAction('alert.set', () =>
      fail(
        'conflict',
        '本区已有橙色预警（2026-11-23 08:00 至 2026-11-25 12:00），预警时间不能重叠；如需调整，请先解除该预警',
      ),
    )
    render(<AlertsPage />)
    await screen.findByText('本区当前没有生效的重污染天气预警')
    fireEvent.click($('.bg-alert-level-yellow'))
    fireEvent.click($('#bg-alert-submit'))
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: expect.stringMatching(/预警时间不能重叠/) }),
      ),
    )
  })

  it('lifts the alert in force with a note, and reads again', async () => {
    const inForce = record()
    onAction('alert.list', () => page([inForce]))
    onAction('alert.lift', () =>
      ok({
        alert: {
          ...inForce,
          state: 'ended',
          lift: { at: inForce.startsAt, note: '空气质量好转', byNickname: '小李' },
        },
      }),
    )
    render(<AlertsPage />)
    fireEvent.click(await screen.findByText('解除预警 ›'))
    type('.bg-alert-lift-note', '空气质量好转')
    const calls = cloud.callFunction.mock.calls.length
    fireEvent.click($('.bg-alert-lift-confirm'))
    await waitFor(() =>
      expect(payloadsOf('alert.lift')).toEqual([{ alertId: 'grid-410104:1', note: '空气质量好转' }]),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '预警已解除' }))
    // The current alert and the history are asked again.
    await waitFor(() => expect(cloud.callFunction.mock.calls.length).toBeGreaterThanOrEqual(calls + 3))
  })
})

describe('the alert form', () => {
  it('starts now (to the minute), Beijing time, for 24 hours', () => {
    const form = emptyAlertForm(new Date('2026-12-03T17:41:30.000Z'))
    expect(form).toMatchObject({
      startDate: '2026-12-04',
      startTime: '01:41',
      endDate: '2026-12-05',
      endTime: '01:41',
      level: '',
    })
  })
})
