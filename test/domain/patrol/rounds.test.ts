import {
  durationMinutes,
  foldCoverage,
  isOpen,
  refuseCheckIn,
  roundAsOf,
  withTrackPoint,
  type PatrolRound,
  type TrackPoint,
} from '../../../src/domain/patrol/rounds'
import { shippedSettings } from '../../../src/domain/settings'

const rules = { maxOpenMinutes: 240, maxCheckIns: 3 }
const point = (patrolId: string, at: string): TrackPoint => ({
  patrolId,
  at,
  location: { lng: 113.7, lat: 34.8 },
  gridId: 'grid-1',
  hasPhotos: false,
})
const round = (overrides: Partial<PatrolRound> = {}): PatrolRound => ({
  _id: 'round-1',
  openid: 'walker',
  role: 'grid_member',
  startedAt: '2026-12-02T01:00:00.000Z',
  endedAt: null,
  endedBy: null,
  track: [],
  caseIds: [],
  requestKey: 'walker:r1',
  ...overrides,
})

describe('patrol rounds', () => {
  it('ships a round policy the district can change', () => {
    expect(shippedSettings.policy.patrolRound).toEqual({ maxOpenMinutes: 240, maxCheckIns: 60 })
  })

  it('keeps a round open until its time since the last check-in runs out', () => {
    const walked = round({ track: [point('p1', '2026-12-02T03:00:00.000Z')] })
    expect(isOpen(walked, new Date('2026-12-02T06:59:00.000Z'), rules)).toBe(true)
    expect(isOpen(walked, new Date('2026-12-02T07:00:00.000Z'), rules)).toBe(false)
  })

  it('ends an abandoned round at its last activity, so its duration stays honest', () => {
    const walked = round({ track: [point('p1', '2026-12-02T01:40:00.000Z')] })
    const asOf = roundAsOf(walked, new Date('2026-12-03T00:00:00.000Z'), rules)
    expect(asOf).toMatchObject({ endedAt: '2026-12-02T01:40:00.000Z', endedBy: 'timeout' })
    expect(durationMinutes(asOf, new Date('2026-12-03T00:00:00.000Z'))).toBe(40)
  })

  it('leaves a round its walker ended as it is', () => {
    const ended = round({ endedAt: '2026-12-02T01:30:00.000Z', endedBy: 'walker' })
    expect(roundAsOf(ended, new Date('2026-12-05T00:00:00.000Z'), rules)).toBe(ended)
    expect(durationMinutes(ended, new Date('2026-12-05T00:00:00.000Z'))).toBe(30)
  })

  it('counts an open round’s duration up to now', () => {
    expect(durationMinutes(round(), new Date('2026-12-02T01:25:30.000Z'))).toBe(25)
  })

  it('refuses check-ins on someone else’s, an ended or a full round', () => {
    const now = new Date('2026-12-02T02:00:00.000Z')
    expect(refuseCheckIn(round(), 'walker', now, rules)).toBeNull()
    expect(refuseCheckIn(round(), 'other', now, rules)).toContain('自己的巡查')
    expect(refuseCheckIn(round({ endedAt: now.toISOString() }), 'walker', now, rules)).toContain('已结束')
    const full = round({
      track: ['a', 'b', 'c'].map((id, i) => point(id, `2026-12-02T01:0${i}:00.000Z`)),
    })
    expect(refuseCheckIn(full, 'walker', now, rules)).toContain('最多打卡3次')
  })

  it('keeps the track in time order and adds a retried check-in once', () => {
    const later = point('p2', '2026-12-02T01:20:00.000Z')
    const earlier = point('p1', '2026-12-02T01:10:00.000Z')
    const track = withTrackPoint(withTrackPoint([], later), earlier)
    expect(track.map((p) => p.patrolId)).toEqual(['p1', 'p2'])
    expect(withTrackPoint(track, later)).toHaveLength(2)
  })

  it('folds check-ins into coverage per grid per Beijing day, with distinct walkers', () => {
    const cells = foldCoverage(new Map(), [
      { at: '2026-12-01T15:59:00.000Z', gridId: 'g1', openid: 'a' },
      { at: '2026-12-01T16:00:00.000Z', gridId: 'g1', openid: 'a' },
      { at: '2026-12-01T17:00:00.000Z', gridId: 'g1', openid: 'b' },
      { at: '2026-12-01T17:00:00.000Z', gridId: 'g2', openid: 'a' },
    ])
    expect(Object.fromEntries([...cells].map(([key, cell]) => [key, [cell.checkIns, cell.walkers]]))).toEqual(
      {
        '20261201:g1': [1, ['a']],
        '20261202:g1': [2, ['a', 'b']],
        '20261202:g2': [1, ['a']],
      },
    )
  })
})
