import type { MonitoringRules, Pollutant } from './monitoring'
import { pollutantLabels } from './monitoring'
import type { Reading } from './reading'

/**
 * What a station's document says about its air, the whole state of the episode rule: since when its readings
 * have been over (a streak), the open episode if any, and since when an open episode's readings have been
 * back down. Every change to it is a conditional write on the values it was decided on.
 */
export interface StationAirState {
  overSince: string | null
  episodeId: string | null
  underSince: string | null
}

export const calmState: StationAirState = { overSince: null, episodeId: null, underSince: null }

/** A change to the state, valid only while the fields in `expect` still hold what the decision read. */
export interface StateChange {
  expect: Partial<StationAirState>
  set: Partial<StationAirState>
}

/** What one reading does, in order: change the state, open an episode, add to the open one's curve, close it. */
export interface ReadingStep {
  change: StateChange | null
  /** Open this episode (insert-once by its id): only the invocation whose state change held goes on to it. */
  open: { episodeId: string; since: string } | null
  /** Add the reading to this episode's curve. */
  attach: string | null
  close: string | null
}

/** The pollutants a reading has above their opening level, and whether all are back at their recovery level. */
export function assessReading(
  reading: Pick<Reading, Pollutant>,
  rules: Pick<MonitoringRules, 'rules'>,
): { exceeded: Pollutant[]; recovered: boolean } {
  return {
    exceeded: rules.rules
      .filter((rule) => reading[rule.pollutant] > rule.above)
      .map((rule) => rule.pollutant),
    recovered: rules.rules.every((rule) => reading[rule.pollutant] <= rule.recoversAtOrBelow),
  }
}

/** An episode's id, from its station and the instant its streak began: every reading of the streak agrees on it. */
export function episodeIdFor(stationId: string, since: string): string {
  return `episode-${stationId}-${since.replace(/[^0-9]/g, '')}`
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000

/**
 * The episode rule, for one reading against the state it read. Readings over the rules for `durationMinutes`
 * open one episode; every reading while it is open joins its curve; readings back down for `recoveryMinutes`
 * close it. A streak broken before it opened an episode starts again from the next reading over.
 */
export function decideReading(
  stationId: string,
  state: StationAirState,
  reading: Pick<Reading, Pollutant | 'at'>,
  rules: Pick<MonitoringRules, 'rules' | 'durationMinutes' | 'recoveryMinutes'>,
): ReadingStep {
  const { exceeded, recovered } = assessReading(reading, rules)
  const step: ReadingStep = { change: null, open: null, attach: null, close: null }
  if (state.episodeId) {
    step.attach = state.episodeId
    if (!recovered) {
      if (state.underSince)
        step.change = { expect: { underSince: state.underSince }, set: { underSince: null } }
      return step
    }
    const since = state.underSince ?? reading.at
    if (minutesBetween(since, reading.at) >= rules.recoveryMinutes) {
      step.close = state.episodeId
      step.change = { expect: { episodeId: state.episodeId }, set: calmState }
    } else if (!state.underSince) {
      step.change = { expect: { episodeId: state.episodeId, underSince: null }, set: { underSince: since } }
    }
    return step
  }
  if (exceeded.length === 0) {
    if (state.overSince)
      step.change = { expect: { overSince: state.overSince, episodeId: null }, set: { overSince: null } }
    return step
  }
  const since = state.overSince ?? reading.at
  // The first reading of a streak claims its start; losers of that race leave the opening to later readings.
  if (!state.overSince)
    step.change = { expect: { overSince: null, episodeId: null }, set: { overSince: since } }
  if (minutesBetween(since, reading.at) >= rules.durationMinutes)
    step.open = { episodeId: episodeIdFor(stationId, since), since }
  return step
}

/** The case's description of an episode as it opens: what was over, by how much, since when. */
export function episodeDescription(
  stationName: string,
  reading: Pick<Reading, Pollutant>,
  rules: Pick<MonitoringRules, 'rules' | 'durationMinutes'>,
): string {
  const over = rules.rules
    .filter((rule) => reading[rule.pollutant] > rule.above)
    .map(
      (rule) => `${pollutantLabels[rule.pollutant]} ${reading[rule.pollutant]} μg/m³（限值 ${rule.above}）`,
    )
  return `在线监测站点「${stationName}」连续${rules.durationMinutes}分钟超标：${over.join('，')}`
}
