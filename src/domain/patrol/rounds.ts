import type { Gcj02Point } from '../shared/geo'
import { businessDayKey } from '../shared/time'

/** How long a round may stay open without a check-in, and how many check-ins it holds (policy.patrolRound). */
export interface RoundRules {
  maxOpenMinutes: number
  maxCheckIns: number
}

/** One point of a round's track: a check-in where the walker passed. */
export interface TrackPoint {
  patrolId: string
  at: string
  /** GCJ-02. */
  location: Gcj02Point
  gridId: string
  hasPhotos: boolean
}

/** Who ended a round: the walker, or the clock when it was left open past `maxOpenMinutes`. */
export type RoundEnd = 'walker' | 'timeout'

/** A patrol round (一次巡查) as stored: its walker, start, end, track and the cases found on it. */
export interface PatrolRound {
  _id: string
  openid: string
  role: string
  startedAt: string
  endedAt: string | null
  endedBy: RoundEnd | null
  track: TrackPoint[]
  caseIds: string[]
  requestKey: string
}

const minute = 60_000

/** The instant of a round's last activity: its last check-in, or its start. */
export function lastActivityAt(round: Pick<PatrolRound, 'startedAt' | 'track'>): string {
  return round.track.reduce((latest, point) => (point.at > latest ? point.at : latest), round.startedAt)
}

/**
 * The round as it stands at `now`: an open round past `maxOpenMinutes` since its last activity is over, ended
 * by the clock at that last activity (not at `now`), so a phone that died does not stretch its duration.
 */
export function roundAsOf<R extends PatrolRound>(round: R, now: Date, rules: RoundRules): R {
  if (round.endedAt) return round
  const last = lastActivityAt(round)
  if (now.getTime() - Date.parse(last) < rules.maxOpenMinutes * minute) return round
  return { ...round, endedAt: last, endedBy: 'timeout' }
}

/** Whether a round (as of now) still takes check-ins. */
export function isOpen(round: PatrolRound, now: Date, rules: RoundRules): boolean {
  return roundAsOf(round, now, rules).endedAt === null
}

/** Minutes from start to end (or to `now` while open), whole minutes rounded down. */
export function durationMinutes(round: Pick<PatrolRound, 'startedAt' | 'endedAt'>, now: Date): number {
  const end = round.endedAt ? Date.parse(round.endedAt) : now.getTime()
  return Math.max(0, Math.floor((end - Date.parse(round.startedAt)) / minute))
}

/** Why a check-in cannot join a round, in plain Chinese; null when it can. */
export function refuseCheckIn(
  round: PatrolRound,
  openid: string,
  now: Date,
  rules: RoundRules,
): string | null {
  if (round.openid !== openid) return '只能在自己的巡查中打卡'
  if (!isOpen(round, now, rules)) return '本次巡查已结束，请重新开始巡查'
  if (round.track.length >= rules.maxCheckIns)
    return `一次巡查最多打卡${rules.maxCheckIns}次，请结束后重新开始`
  return null
}

/** The track with a check-in added, in time order; the same check-in (a retry) is added once. */
export function withTrackPoint(track: readonly TrackPoint[], point: TrackPoint): TrackPoint[] {
  if (track.some((known) => known.patrolId === point.patrolId)) return [...track]
  return [...track, point].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}

/** One grid's patrol coverage on one Beijing business day. */
export interface CoverageCell {
  dayKey: string
  gridId: string
  checkIns: number
  walkers: string[]
}

/** The coverage cell key of a check-in: its Beijing day and grid. */
export function coverageKeyOf(check: { at: string; gridId: string }): string {
  return `${businessDayKey(new Date(check.at))}:${check.gridId}`
}

/**
 * Folds check-ins into per-grid-per-day coverage: how many check-ins, by whom. Pure, so the projection's
 * saved cells can be checked against a recount from the records.
 */
export function foldCoverage(
  cells: ReadonlyMap<string, CoverageCell>,
  checks: readonly { at: string; gridId: string; openid: string }[],
): Map<string, CoverageCell> {
  const next = new Map(cells)
  for (const check of checks) {
    const key = coverageKeyOf(check)
    const cell = next.get(key) ?? {
      dayKey: businessDayKey(new Date(check.at)),
      gridId: check.gridId,
      checkIns: 0,
      walkers: [],
    }
    next.set(key, {
      ...cell,
      checkIns: cell.checkIns + 1,
      walkers: cell.walkers.includes(check.openid) ? cell.walkers : [...cell.walkers, check.openid],
    })
  }
  return next
}
