import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import PatrolPage from '../../src/pkg-staff/pages/patrol/index'
import { resetTaro } from '../fakes/taro'
import { ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { caseView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/media', () => require('../fakes/platform').media)
jest.mock('@/platform/location', () => require('../fakes/platform').location)
jest.mock('@/platform/dev-login', () => require('../fakes/platform').devLogin)
jest.mock('@/platform/privacy', () => require('../fakes/platform').privacy)
jest.mock('@/platform/subscribe', () => require('../fakes/platform').subscribe)
jest.mock('../../src/pages/report/index.scss', () => ({}))

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}
const choose = (pickerClass: string, index: number) =>
  fireEvent.change($(`${pickerClass} select`), { target: { value: String(index) } })

const here = { lng: 113.6925, lat: 34.7288 }
const round = (overrides: Record<string, unknown> = {}) => ({
  id: `round-${'a'.repeat(24)}`,
  startedAt: '2026-11-23T02:00:00.000Z',
  endedAt: null,
  endedBy: null,
  open: true,
  durationMinutes: 0,
  track: [],
  caseIds: [],
  ...overrides,
})
const point = {
  patrolId: 'patrol-1',
  at: '2026-11-23T02:10:00.000Z',
  location: here,
  gridId: 'g1',
  hasPhotos: false,
}

describe('the patrol page', () => {
  it('starts a round, checks in here, reports a find at the last check-in, and ends the round', async () => {
    onAction('patrol.round', () => ok({ round: null }))
    onAction('patrol.startRound', () => ok({ round: round(), replayed: false }))
    onAction('patrol.checkIn', () =>
      ok({
        patrol: {
          id: 'patrol-1',
          at: point.at,
          grid: { id: 'g1', label: '映月路社区第1网格' },
          note: '',
          photos: [],
          roundId: round().id,
        },
        round: round({ track: [point], durationMinutes: 10 }),
        points: 0,
        pointsNote: '未拍照的巡查打卡只记录轨迹，不计积分',
        replayed: false,
      }),
    )
    onAction('patrol.report', () => ok({ case: caseView({ channel: 'patrol' }), replayed: false }))
    onAction('patrol.endRound', () =>
      ok({
        round: round({
          track: [point],
          open: false,
          endedAt: '2026-11-23T02:40:00.000Z',
          endedBy: 'walker',
          durationMinutes: 40,
        }),
      }),
    )
    render(<PatrolPage />)
    fireEvent.click(await screen.findByText('开始巡查'))
    expect(await screen.findByText('巡查中')).toBeTruthy()

    fireEvent.click($('.bg-demo-location'))
    fireEvent.click($('#bg-patrol-check-in'))
    await waitFor(() => expect(screen.getByText(/打卡 1 次/)).toBeTruthy())
    expect(payloadsOf('patrol.checkIn')).toEqual([
      expect.objectContaining({ roundId: round().id, location: here, photos: [] }),
    ])

    fireEvent.click($('#bg-patrol-find'))
    choose('.bg-category-picker', 1)
    choose('.bg-check-picker', 1)
    fireEvent.change($('.bg-patrol-description textarea'), { target: { value: '工地裸土未覆盖' } })
    fireEvent.click(screen.getByText('上报问题'))
    await waitFor(() => expect(payloadsOf('patrol.report')).toHaveLength(1))
    // The place is filled in: the last check-in's, as nothing new was located.
    expect(payloadsOf('patrol.report')[0]).toMatchObject({ roundId: round().id, location: here })

    fireEvent.click($('#bg-patrol-end'))
    expect(await screen.findByText('上次巡查')).toBeTruthy()
    expect(screen.getByText(/用时 40分钟/)).toBeTruthy()
  })
})
