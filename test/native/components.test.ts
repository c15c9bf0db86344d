/**
 * @jest-environment jsdom
 */
// jsdom (not the node project's default environment) because miniprogram-simulate renders into a DOM.

import type { EventView } from '../../src/domain/contract'
import { caseView } from '../ui/fixtures'
import {
  openComponentBuild,
  mountComponent,
  type ComponentBuild,
  type MountedComponent,
} from './support/mount-component'
import { FatalError, waitFor } from './support/mount-page'

const { ensureNativeComponentsBuild, nativeComponentsOut } = require('../../config/ensure-builds') as {
  ensureNativeComponentsBuild(log: (line: string) => void): void
  nativeComponentsOut: string
}

/**
 * The key components, built by `taro build native-components --type weapp` and run under miniprogram-simulate
 * (WeChat's template compiler and component framework, Taro's runtime and React as built): the case card, the
 * board's claim button, the photo grid of the report form and case detail, and the timeline.
 *
 * The built entries are thin wrappers (test/native/components/src) around the real src/components: they take
 * their data from the `props` property and report taps through `triggerEvent`, which is what a native page
 * would see. The build runs here when missing or older than src/, config/ or the wrappers (~18 s, then cached).
 */

const entries = {
  caseCard: 'components/case-card/index',
  claimCard: 'components/claim-card/index',
  photoGrid: 'components/photo-grid/index',
  timeline: 'components/timeline/index',
}

/** The board's clock; the fixture case landed on the board 2 h 15 min before and is due 20 h after it. */
const now = '2025-06-01T04:00:00.000Z'
const minutesBefore = (minutes: number) => new Date(Date.parse(now) - minutes * 60_000).toISOString()
const pendingCase = () =>
  caseView({
    waitingSince: minutesBefore(135),
    createdAt: minutesBefore(135),
    deadlineAt: minutesBefore(-20 * 60),
  })

let build: ComponentBuild
let mounted: MountedComponent[] = []
let consoleErrors: jest.SpyInstance

beforeAll(() => {
  ensureNativeComponentsBuild((line) => process.stderr.write(`${line}\n`))
  build = openComponentBuild(nativeComponentsOut, Object.values(entries))
}, 240_000)

beforeEach(() => {
  // Taro and React report render failures through console.error; any of them fails the test.
  consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => {
  for (const component of mounted) component.unmount()
  const errors = mounted.flatMap((component) => component.errors)
  mounted = []
  consoleErrors.mockRestore()
  expect(errors).toEqual([])
  expect(consoleErrors.mock.calls).toEqual([])
})

function mount(name: string, props: Record<string, unknown>, listen: string[] = []): MountedComponent {
  const component = mountComponent(build, name, props, listen)
  mounted.push(component)
  return component
}

/** Waits until the component shows every one of `texts`; on timeout the error quotes what it does show. */
async function shows(component: MountedComponent, texts: string[]): Promise<void> {
  await waitFor(() => {
    if (component.errors.length)
      throw new FatalError(`render failed: ${String(component.errors[0]).slice(0, 600)}`)
    const shown = component.text()
    const missing = texts.filter((text) => !shown.includes(text))
    if (missing.length)
      throw new Error(
        `does not show ${JSON.stringify(missing)}; it shows: ${JSON.stringify(shown.slice(0, 400))}`,
      )
  })
}

const textsOf = (component: MountedComponent, className: string) =>
  component.all(className).map((element) => element.textContent?.trim())

describe('case card', () => {
  test('shows the category, check, status, address, claim state and waiting time of a pending case', async () => {
    const card = mount(entries.caseCard, { item: pendingCase(), now })

    await shows(card, ['建筑工地', '出入车辆未100%冲洗', '映月路与航海东路交叉口'])
    expect(textsOf(card, 'bg-case-card__title')).toEqual(['建筑工地'])
    expect(textsOf(card, 'bg-status-tag')).toEqual(['待认领'])
    expect(card.all('bg-status-pending')).toHaveLength(1)
    expect(textsOf(card, 'bg-case-card__claim')).toEqual(['待认领'])
    expect(textsOf(card, 'bg-waiting')).toEqual(['已等待 2小时15分'])
    expect(card.text()).toContain('剩余 20小时')
    // No thumbnail URL: the empty tile.
    expect(textsOf(card, 'bg-case-card__thumb--empty')).toEqual(['无图'])
  })

  test('a claimed case shows who claimed it and its time left instead of the wait', async () => {
    const item = caseView({
      status: 'claimed',
      statusLabel: '处理中',
      claimedBy: { nickname: '网格员小许', at: minutesBefore(30) },
      deadlineAt: minutesBefore(-90),
      card: 'yellow',
    })
    const card = mount(entries.caseCard, { item, now, showGrid: true })

    await shows(card, ['认领人：网格员小许'])
    expect(textsOf(card, 'bg-status-tag')).toEqual(['处理中'])
    expect(textsOf(card, 'bg-due')).toEqual(['剩余 1小时30分'])
    expect(card.all('bg-waiting')).toHaveLength(0)
    expect(textsOf(card, 'bg-card-yellow')).toEqual(['黄牌预警'])
    expect(card.text()).toContain('航海东路街道 / 映月路社区 / 映月路社区第1网格')
  })

  test('follows new props from its parent, and a tap on the body emits open with the case id', async () => {
    const card = mount(entries.caseCard, { item: pendingCase(), now }, ['open'])
    await shows(card, ['待认领'])

    card.setProps({ item: pendingCase(), now: new Date(Date.parse(now) + 45 * 60_000).toISOString() })
    await shows(card, ['已等待 3小时'])

    card.tap('bg-case-card__body')
    await waitFor(() => expect(card.events).toEqual([{ name: 'open', detail: { caseId: 'case-1' } }]))
  })
})

describe('claim button (the board card)', () => {
  test('a grid member taps 认领: the claim event carries the case id, and 处理 opens instead', async () => {
    const item = pendingCase()
    const card = mount(
      entries.claimCard,
      { item: { ...item, id: 'case-42', caseNo: 'BG202506010042' }, role: 'grid_member', now },
      ['claim', 'open'],
    )

    await shows(card, ['认领', '处理', '出入车辆未100%冲洗'])
    expect(card.all('bg-claim-BG202506010042')).toHaveLength(1)

    card.tap('bg-claim')
    await waitFor(() => expect(card.events).toEqual([{ name: 'claim', detail: { caseId: 'case-42' } }]))

    card.tap('bg-board__open')
    await waitFor(() => expect(card.events).toHaveLength(2))
    expect(card.events[1]).toEqual({ name: 'open', detail: { caseId: 'case-42' } })
  })

  test('while a claim is in flight the buttons are disabled: a tap emits nothing', async () => {
    const card = mount(
      entries.claimCard,
      { item: pendingCase(), role: 'grid_member', now, claiming: 'case-other' },
      ['claim', 'open'],
    )
    await shows(card, ['认领'])

    card.tap('bg-claim')
    // Taps are handled in order: once the body's open arrives, the claim tap has been handled (and ignored).
    card.tap('bg-case-card__body')
    await waitFor(() => expect(card.events).toHaveLength(1))
    expect(card.events).toEqual([{ name: 'open', detail: { caseId: 'case-1' } }])
  })

  test('no claim button for a resident, nor on a case that is already claimed', async () => {
    const resident = mount(entries.claimCard, { item: pendingCase(), role: 'resident', now })
    await shows(resident, ['处理', '出入车辆未100%冲洗'])
    expect(resident.all('bg-claim')).toHaveLength(0)

    const claimed = caseView({
      status: 'claimed',
      statusLabel: '处理中',
      claimedBy: { nickname: '网格员小许', at: now },
    })
    const taken = mount(entries.claimCard, { item: claimed, role: 'grid_member', now })
    await shows(taken, ['认领人：网格员小许'])
    expect(taken.all('bg-claim')).toHaveLength(0)
  })
})

describe('photo grid (the photo picker)', () => {
  const photos = ['a', 'b', 'c'].map((name) => ({ key: name, url: `https://files.example/${name}.jpg` }))

  test('read-only: a tap on a photo emits preview with its index and opens WeChat previewer on it', async () => {
    const grid = mount(entries.photoGrid, { photos }, ['preview', 'add'])
    await waitFor(() => expect(grid.all('bg-photo-item')).toHaveLength(3))
    expect(grid.all('bg-photo-input')).toHaveLength(0)
    expect(grid.all('bg-photo-remove')).toHaveLength(0)

    grid.tap(grid.all('bg-photo-item')[1]!)
    await waitFor(() => expect(grid.events).toEqual([{ name: 'preview', detail: { index: 1 } }]))
    await waitFor(() => expect(grid.previews).toHaveLength(1))
    expect(grid.previews[0]).toMatchObject({
      urls: photos.map((photo) => photo.url),
      current: 'https://files.example/b.jpg',
    })
  })

  test('the picker: the add tile counts photos, remove does not preview, a failed upload asks for a retry', async () => {
    const tiles = [
      { key: 'a', url: 'https://files.example/a.jpg' },
      { key: 'up', url: 'https://files.example/up.jpg', progress: 40 },
      { key: 'bad', url: 'https://files.example/bad.jpg', progress: 100, error: '上传失败，点击重试' },
    ]
    const grid = mount(entries.photoGrid, { photos: tiles, max: 4, editable: true }, [
      'preview',
      'add',
      'remove',
      'retry',
    ])
    await shows(grid, ['拍照/相册 3/4', '40%', '上传失败，点击重试'])
    // The uploading photo cannot be removed yet.
    expect(grid.all('bg-photo-remove')).toHaveLength(2)

    grid.tap('bg-photo-input')
    await waitFor(() => expect(grid.events).toHaveLength(1))
    grid.tap('bg-photo-remove')
    await waitFor(() => expect(grid.events).toHaveLength(2))
    grid.tap('bg-photo-item--failed')
    await waitFor(() => expect(grid.events).toHaveLength(3))
    expect(grid.events).toEqual([
      { name: 'add', detail: { count: 3 } },
      { name: 'remove', detail: { key: 'a' } },
      { name: 'retry', detail: { key: 'bad' } },
    ])
    expect(grid.previews).toEqual([])

    grid.setProps({
      photos: [...tiles, { key: 'd', url: 'https://files.example/d.jpg' }],
      max: 4,
      editable: true,
    })
    await waitFor(() => expect(grid.all('bg-photo-item')).toHaveLength(4))
    expect(grid.all('bg-photo-input')).toHaveLength(0)
  })
})

describe('timeline', () => {
  const event = (seq: number, overrides: Partial<EventView>): EventView => ({
    seq,
    type: 'submit',
    label: '',
    actorLabel: '',
    from: '',
    to: 'pending',
    note: '',
    evidence: [],
    heldEvidence: [],
    at: now,
    ...overrides,
  })
  const events = [
    event(2, {
      type: 'claim',
      label: '认领',
      actorLabel: '网格员小许',
      from: 'pending',
      to: 'claimed',
      at: '2025-06-01T03:10:00.000Z',
    }),
    event(1, { type: 'submit', label: '提交举报', actorLabel: '林女士', at: '2025-06-01T01:45:00.000Z' }),
    event(3, {
      type: 'rectify',
      label: '整改完成',
      actorLabel: '网格员小许',
      from: 'claimed',
      to: 'rectified',
      note: '已冲洗路面',
      evidence: ['after-1.jpg', 'after-2.jpg'],
      at: '2025-06-01T05:30:00.000Z',
    }),
  ]

  test('lists the events newest first with their labels, actors, notes and Beijing times', async () => {
    const timeline = mount(entries.timeline, { events })
    await shows(timeline, ['整改完成', '认领', '提交举报'])

    expect(textsOf(timeline, 'bg-timeline__label')).toEqual(['整改完成', '认领', '提交举报'])
    expect(textsOf(timeline, 'bg-timeline__actor')).toEqual(['网格员小许', '网格员小许', '林女士'])
    expect(textsOf(timeline, 'bg-timeline__note')).toEqual(['已冲洗路面'])
    expect(textsOf(timeline, 'bg-timeline__time')).toEqual([
      '2025-06-01 13:30',
      '2025-06-01 11:10',
      '2025-06-01 09:45',
    ])
    expect(timeline.all('bg-timeline__item--latest')).toEqual(timeline.all('bg-timeline-rectify'))
    // Without a photo URL mapping evidence is not drawn, as in the app.
    expect(timeline.all('bg-timeline__photo')).toHaveLength(0)
  })

  test('a tap on an evidence photo emits preview with that event’s photo URLs and the index', async () => {
    const timeline = mount(entries.timeline, { events, photoBase: 'https://files.example/' }, ['preview'])
    await waitFor(() => expect(timeline.all('bg-timeline__photo')).toHaveLength(2))

    timeline.tap(timeline.all('bg-timeline__photo')[1]!)
    await waitFor(() =>
      expect(timeline.events).toEqual([
        {
          name: 'preview',
          detail: {
            urls: ['https://files.example/after-1.jpg', 'https://files.example/after-2.jpg'],
            index: 1,
          },
        },
      ]),
    )
  })
})
