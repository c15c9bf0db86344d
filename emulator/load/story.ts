import {
  handlingMeasureCodes,
  rejectReasonCodes,
  type EscalationReason,
  type HandlingMeasure,
} from '../../src/domain/case/policy'
import type { CaseAct, CaseActor } from '../../src/domain/case/decide'
import { formatBeijingTime } from '../../src/domain/shared/time'
import { CaseSim, type SimWorld } from './case-sim'
import type { Person, Population } from './people'
import type { Random } from './random'

/** How a case's story is meant to end; the present may cut it short, leaving it open where it stands. */
export type Ending =
  | 'closed'
  | 'rejected'
  | 'city'
  | 'stays-pending'
  | 'stays-claimed'
  | 'stays-rectified'
  | 'stays-signoff'
  | 'stays-at-city'

/** The turns one case's story takes, drawn once per case. */
export interface Plot {
  ending: Ending
  rejectWhilePending: boolean
  escalateOnce: boolean
  sendBack: boolean
  joint: boolean
  release: boolean
  supervise: boolean
  failVerification: boolean
  dispute: boolean
  /** The reporter never answers: the case is confirmed automatically after the silent days. */
  silent: boolean
}

export const endingWeights: Record<Ending, number> = {
  closed: 84,
  rejected: 6.5,
  city: 1.5,
  'stays-pending': 0.6,
  'stays-claimed': 2.4,
  'stays-rectified': 0.8,
  'stays-signoff': 0.3,
  'stays-at-city': 0.6,
}

export function drawPlot(random: Random): Plot {
  return {
    ending: random.weighted(endingWeights),
    rejectWhilePending: random.chance(0.6),
    escalateOnce: random.chance(0.07),
    sendBack: random.chance(0.25),
    joint: random.chance(0.06),
    release: random.chance(0.02),
    supervise: random.chance(0.03),
    failVerification: random.chance(0.07),
    dispute: random.chance(0.03),
    silent: random.chance(0.3),
  }
}

const hour = 3_600_000
const minutes = (value: number) => value * 60_000

/** People act in working hours: a time at night moves to the next morning (07:30 to 09:00 Beijing). */
function duringTheDay(at: number, random: Random): number {
  const clock = formatBeijingTime(new Date(at))
  const h = Number(clock.slice(11, 13))
  const m = Number(clock.slice(14, 16))
  if (h >= 7 && h < 21) return at
  const untilSeven = (((7 - h + 24) % 24) * 60 - m) * 60_000
  return at + untilSeven + minutes(30 + random.int(90))
}

const confirmComments = ['处理很及时，谢谢', '已经清理干净了', '满意', '希望以后多巡查', '']
const ratings = { 5: 55, 4: 25, 3: 10, 2: 6, 1: 4 } as const

/**
 * Tells one case's story from its submit to the present: claims by staff of the grid it sits on, handling,
 * escalation up the levels, the district's request to the city, verification from above, the reporter's word.
 * Each step is a person's act at a plausible delay; the sim runs the timer sweeps in between and the domain
 * decides every act. The story stops where the present cuts it, or where its ending says.
 */
export function tellStory(
  sim: CaseSim,
  plot: Plot,
  cast: { world: SimWorld; people: Population; random: Random; photos: readonly string[] },
): void {
  const { world, people, random, photos } = cast
  const tree = world.tree
  const record = () => sim.record
  const level = () => tree.get(record().gridId)?.level ?? 'block'
  const reporter = people.byOpenid.get(record().reporterId)!
  const claimer = (): Person | undefined => {
    const claim = record().claim
    return claim ? people.byOpenid.get(claim.userId) : undefined
  }
  const done = new Set<string>()
  const once = (turn: keyof Plot) => plot[turn] === true && !done.has(turn) && (done.add(turn), true)
  /** Lets a person's delay pass; false when the present came first or a timer sweep moved the case meanwhile. */
  const wait = (medianMinutes: number, sigma: number, daytime = true) => {
    let at = sim.clock + minutes(random.lognormal(medianMinutes, sigma))
    if (daytime) at = duringTheDay(at, random)
    const status = record().status
    return sim.advance(at, true) && at < world.present && record().status === status
  }
  const act = (actor: CaseActor | undefined, change: CaseAct) => (actor ? sim.apply(change, actor) : false)
  const cityBound =
    plot.ending === 'city' || plot.ending === 'stays-signoff' || plot.ending === 'stays-at-city'
  const escalationReason = (): EscalationReason =>
    random.weighted({
      'needs-joint-enforcement': 5,
      'out-of-remit': 3,
      'cannot-handle': 2,
      'major-event': 0.3,
    })

  for (let step = 0; step < 60 && sim.isOpen && sim.clock < world.present - 1; step += 1) {
    const status = record().status
    const gridId = record().gridId
    if (status === 'pending') {
      if (plot.ending === 'stays-pending') break
      // The claim delay: most within the hour, some left for hours (which the timer alerts and escalates).
      if (!wait(40, 1.2)) continue
      if (plot.ending === 'rejected' && plot.rejectWhilePending) {
        act(people.leaderOf(gridId).actor, {
          type: 'reject',
          reason: rejectReason(random),
          note: '经核实不予受理',
        })
        continue
      }
      if (cityBound && level() === 'district') {
        act(people.officesOver(gridId).air.actor, { type: 'request-city', note: '需市级协调处置' })
        continue
      }
      if (!cityBound && gridId !== record().originGridId && once('sendBack')) {
        act(people.leaderOf(gridId).actor, { type: 'send-back', note: '请属地网格先行处置，处置不了再上报' })
        continue
      }
      // Nobody claims their own report: a staff member's patrol finding goes to a colleague.
      const colleagues = people
        .claimersOf(gridId)
        .filter((person) => person.user.openid !== record().reporterId)
      act((colleagues.length > 0 ? random.pick(colleagues) : people.leaderOf(gridId)).actor, {
        type: 'claim',
      })
      if (record().status === 'claimed' && once('supervise')) {
        const deadline = record().deadlineAt ? Date.parse(record().deadlineAt!) : 0
        if (deadline > sim.clock + hour) {
          const due = new Date(sim.clock + (deadline - sim.clock) / 2).toISOString()
          act(people.officesOver(gridId).supervisor.actor, {
            type: 'supervise',
            deadlineAt: due,
            note: '挂牌督办，限期整改',
          })
        }
      }
      continue
    }

    if (status === 'claimed') {
      if (plot.ending === 'stays-claimed') break
      if (cityBound || (level() === 'block' && once('escalateOnce'))) {
        if (!wait(120, 1)) continue
        if (level() === 'district')
          act(people.officesOver(gridId).air.actor, { type: 'request-city', note: '需市级协调处置' })
        else act(claimer()?.actor, { type: 'escalate', reason: escalationReason(), note: '需上级协调处置' })
        continue
      }
      if (plot.ending === 'rejected') {
        if (!wait(60, 1)) continue
        act(people.leaderOf(gridId).actor, {
          type: 'reject',
          reason: rejectReason(random),
          note: '现场核实后不予受理',
        })
        continue
      }
      if (once('release')) {
        if (!wait(30, 1)) continue
        act(claimer()?.actor, { type: 'release', reason: '不在本人负责片区，请其他同事认领' })
        continue
      }
      let measure: HandlingMeasure = random.pick(
        handlingMeasureCodes.filter((code) => code !== 'joint-enforcement'),
      )
      if (level() !== 'block' && once('joint')) {
        const handlers = people
          .jointHandlersFor(gridId)
          .filter((person) => person.user.openid !== record().claim?.userId)
          .slice(0, 2)
        if (handlers.length > 0 && wait(90, 1)) {
          const picked = handlers.map((person) => ({
            openid: person.user.openid,
            nickname: person.user.nickname,
            role: person.user.role,
          }))
          if (
            act(people.leaderOf(gridId).actor, { type: 'attach-handlers', handlers: picked }) &&
            wait(240, 1)
          )
            act(handlers[0]!.actor, {
              type: 'record-part',
              note: '联合执法，现场处置完毕',
              photos: [random.pick(photos)],
            })
          measure = 'joint-enforcement'
        }
      }
      if (!wait(600, 0.9)) continue
      act(claimer()?.actor, { type: 'rectify', measure, note: '已按要求整改', photos: [random.pick(photos)] })
      continue
    }

    if (status === 'awaiting-signoff') {
      const offices = people.officesOver(gridId)
      const next = record().signOffs.includes('air_office') ? offices.longTerm : offices.air
      if (plot.ending === 'stays-signoff' && (record().signOffs.length > 0 || random.chance(0.5))) break
      if (!wait(60 * 20, 0.8)) continue
      act(next.actor, { type: 'sign-off', note: '同意报送市级' })
      continue
    }

    if (status === 'at-city') {
      if (plot.ending === 'stays-at-city') break
      if (!wait(60 * 24 * 5, 0.7)) continue
      act(people.officesOver(gridId).air.actor, { type: 'city-resolve', note: '市级协调处置完毕' })
      continue
    }

    if (status === 'rectified') {
      if (plot.ending === 'stays-rectified') break
      if (!wait(300, 0.9)) continue
      const verifier = verifierFor(sim, people, random)
      if (once('failVerification'))
        act(verifier, { type: 'fail-verification', note: '整改不到位，请重新处置' })
      else act(verifier, { type: 'verify', note: '现场核查，整改到位' })
      continue
    }

    if (status === 'verified') {
      if (once('dispute')) {
        if (!wait(480, 1)) continue
        act(reporter.actor, { type: 'dispute', reason: '问题没有彻底解决，又出现了' })
        continue
      }
      if (plot.silent) break
      if (!wait(480, 1.1, false)) continue
      const rating = Number(random.weighted(ratings))
      act(reporter.actor, { type: 'confirm', rating, comment: random.pick(confirmComments) })
      continue
    }
    break
  }
}

function rejectReason(random: Random) {
  return random.pick(rejectReasonCodes)
}

/** Who checks a fix: the level above (its leader or office), or the supervisor; never the claimer. */
function verifierFor(sim: CaseSim, people: Population, random: Random): CaseActor {
  const { gridId, claim } = sim.record
  const offices = people.officesOver(gridId)
  const supervisor = offices.supervisor.actor
  if (random.chance(0.1)) return supervisor
  const grid = sim.world.tree.get(gridId)
  if (!grid?.parentId || grid.level === 'district') return supervisor
  const above = people.leaderOf(grid.parentId)
  // Verification is independent: never by whoever claimed, reported, or joined in handling the case.
  const involved = [claim?.userId, sim.record.reporterId, ...sim.record.jointHandlers.map((h) => h.openid)]
  return involved.includes(above.user.openid) ? supervisor : above.actor
}
