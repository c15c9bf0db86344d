import {
  calmState,
  decideReading,
  episodeIdFor,
  type StationAirState,
} from '../../../src/domain/intake/episode'
import { shippedSettings } from '../../../src/domain/settings'

const rules = { ...shippedSettings.monitoring, durationMinutes: 60, recoveryMinutes: 30 }
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 2, minutes)).toISOString()
const over = (minutes: number) => ({ at: at(minutes), pm25: 60, pm10: 230 })
const clean = (minutes: number) => ({ at: at(minutes), pm25: 30, pm10: 80 })
const between = (minutes: number) => ({ at: at(minutes), pm25: 30, pm10: 150 })

describe('the episode rule', () => {
  it('starts a streak at the first reading over the threshold, and opens nothing yet', () => {
    expect(decideReading('st-1', calmState, over(0), rules)).toEqual({
      change: { expect: { overSince: null, episodeId: null }, set: { overSince: at(0) } },
      open: null,
      attach: null,
      close: null,
    })
  })

  it('opens one episode, named by the streak start, once readings stay over for the duration', () => {
    const state: StationAirState = { ...calmState, overSince: at(0) }
    expect(decideReading('st-1', state, over(59), rules).open).toBeNull()
    const step = decideReading('st-1', state, over(60), rules)
    expect(step.open).toEqual({ episodeId: episodeIdFor('st-1', at(0)), since: at(0) })
    expect(step.change).toBeNull()
    // Every later reading of the streak names the same episode.
    expect(decideReading('st-1', state, over(75), rules).open?.episodeId).toBe(step.open?.episodeId)
  })

  it('opens at once when the duration is zero', () => {
    expect(decideReading('st-1', calmState, over(0), { ...rules, durationMinutes: 0 }).open).toEqual({
      episodeId: episodeIdFor('st-1', at(0)),
      since: at(0),
    })
  })

  it('breaks a streak that recovers before the duration', () => {
    const state = { ...calmState, overSince: at(0) }
    expect(decideReading('st-1', state, clean(30), rules).change).toEqual({
      expect: { overSince: at(0), episodeId: null },
      set: { overSince: null },
    })
  })

  it('attaches every reading of an open episode, including those on the way down', () => {
    const state = { ...calmState, overSince: at(0), episodeId: 'ep' }
    expect(decideReading('st-1', state, over(90), rules)).toMatchObject({
      attach: 'ep',
      close: null,
      change: null,
    })
    expect(decideReading('st-1', state, between(91), rules)).toMatchObject({ attach: 'ep', close: null })
  })

  it('closes an episode only after readings stay recovered for the recovery time', () => {
    const open = { ...calmState, overSince: at(0), episodeId: 'ep' }
    const first = decideReading('st-1', open, clean(100), rules)
    expect(first).toMatchObject({ close: null, change: { set: { underSince: at(100) } } })
    const recovering = { ...open, underSince: at(100) }
    expect(decideReading('st-1', recovering, clean(129), rules).close).toBeNull()
    expect(decideReading('st-1', recovering, clean(130), rules)).toMatchObject({
      attach: 'ep',
      close: 'ep',
      change: { expect: { episodeId: 'ep' }, set: calmState },
    })
    // A reading over again cancels the recovery.
    expect(decideReading('st-1', recovering, over(110), rules).change).toEqual({
      expect: { underSince: at(100) },
      set: { underSince: null },
    })
  })

  it('watches PM2.5 as well as PM10', () => {
    expect(decideReading('st-1', calmState, { at: at(0), pm25: 140, pm10: 140 }, rules).change).not.toBeNull()
  })
})
