import fc from 'fast-check'
import { collections } from '../../../cloudfunctions/shared/app'
import { runSweeps } from '../../../cloudfunctions/shared/cases/jobs'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { verifyTrail } from '../../../cloudfunctions/shared/cases/trail'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import {
  caseCommands,
  caseStatuses,
  transitionTable,
  type CaseCommand,
  type CaseStatus,
} from '../../../src/domain/case/status'
import type { ActionName } from '../../../src/domain/contract'
import type { Envelope } from '../../../src/domain/shared/errors'
import { demoAccounts } from '../../../emulator/demo/accounts'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, testTrailKey, type TestWorld } from '../../factories/runtime'
import { ownPhoto } from '../../factories/photos'
import { siteInput } from '../../factories/sites'

/*
 * Property test of the case lifecycle: scenarios of commands from demo accounts, through the api function on
 * the emulator database, some of them concurrent, with the clock moved and the timer sweeps run now and then.
 * fast-check draws the scenarios; each step is drawn as choices that are read against the database at run
 * time (which case, whether to pick an act that fits its status, who acts, what the payload says), so a
 * failing scenario shrinks to fewer steps and plainer choices. After every step the database is checked:
 *   - at most one owner: a claim exists exactly when the trail's last claim-changing event is that claim;
 *     a claimed case has one, a case waiting on a board or with the district/city has none;
 *   - every change has an event: eventCount = number of events, seqs 0..n-1, each ok call adds exactly one
 *     event, a case document never changes without a new event, events are append-only;
 *   - only legal transitions: every event's (type, from → to, role) is allowed by transitionTable, and the
 *     events chain (each starts where the previous ended; the last ends in the case's status);
 *   - the hash chain verifies (verifyTrail);
 *   - a refused call, run alone, changed nothing;
 *   - closed, rejected and merged cases never change again.
 *
 * A failure prints the shrunk scenario's steps, and fast-check prints its seed and path. Replay it with
 *   PROPERTY_SEED=<seed> PROPERTY_PATH=<path> npx jest test/cloud/cases/property.test.ts
 * PROPERTY_RUNS raises the number of scenarios (PROPERTY_SEED alone replays a whole run of them).
 */

const runs = Number(process.env.PROPERTY_RUNS ?? 40)
// A fixed seed by default, so that every `npm test` exercises the same scenarios.
const seed = Number(process.env.PROPERTY_SEED ?? 20261123)
const replayPath = process.env.PROPERTY_PATH
const shrinkBudgetMs = Number(process.env.PROPERTY_SHRINK_MS ?? 60_000)

const accounts = demoAccounts.map((account) => account.openid)
/** The registered sites of the scenario being run (one near each report point), that cases are linked to. */
let siteIds: string[] = []
const roleOf = new Map(demoAccounts.map((account) => [account.openid, account.role]))
const afterPhoto = ownPhoto
/** Grids near the two report points, so that some grid corrections are within reach and some are not. */
const correctionTargets = [
  demoGridIds.yingyueRoadGrid2,
  demoGridIds.yingyueRoadGrid1,
  demoGridIds.yingyueRoad,
  'grid-410104010001005',
  'grid-410104010001006',
  'grid-410104010006004',
  'grid-410104010010003',
]

/** The contract's case acts, each with the domain command(s) it runs. */
const caseActions = [
  ['case.claim', ['claim']],
  ['case.release', ['release']],
  ['case.rectify', ['rectify']],
  ['case.escalate', ['escalate']],
  ['case.requestCity', ['request-city']],
  ['case.signOff', ['sign-off']],
  ['case.sendBack', ['send-back']],
  ['case.verify', ['verify', 'fail-verification']],
  ['case.confirm', ['confirm']],
  ['case.dispute', ['dispute']],
  ['case.reject', ['reject']],
  ['case.merge', ['merge']],
  ['case.cityResolve', ['city-resolve']],
  ['case.supervise', ['supervise']],
  ['case.unsupervise', ['unsupervise']],
  ['case.attachHandlers', ['attach-handlers']],
  ['case.recordPart', ['record-part']],
  ['case.correctGrid', ['correct-grid']],
  ['case.join', ['join']],
  ['case.linkSite', ['link-site']],
] as const satisfies readonly (readonly [ActionName, readonly CaseCommand[]])[]
type CaseAction = (typeof caseActions)[number][0]
/** Acts that end a case are drawn less often, and the ones that move it on more often, so runs go deep. */
const weights: Partial<Record<CaseAction, number>> = {
  'case.reject': 0.15,
  'case.merge': 0.25,
  'case.join': 0.3,
  'case.unsupervise': 0.5,
  'case.claim': 2,
  'case.rectify': 2,
  'case.verify': 2,
  'case.confirm': 2,
  'case.dispute': 2,
}
const weightOf = ([action]: (typeof caseActions)[number]) => weights[action] ?? 1

interface Snapshot {
  cases: Map<string, { record: CaseRecord; events: CaseEvent[] }>
}

/**
 * Every case with its trail as the case document holds it. When the relay has run, the copies in
 * `case_event` must be exactly those trails, event for event.
 */
async function snapshot(world: TestWorld, relayed = false): Promise<Snapshot> {
  const docs = (await world.db.collection(collections.case).limit(1000).get()).data as (CaseRecord & {
    _openid?: string
    trail: CaseEvent[]
    notices: unknown[]
    relayedCount: number
    relayPending: boolean
  })[]
  const cases = new Map<string, { record: CaseRecord; events: CaseEvent[] }>()
  // The relay's bookkeeping changes without an event; everything else is the record.
  for (const { trail, notices: _notices, relayedCount: _count, relayPending: _pending, ...record } of docs)
    cases.set(record._id, { record, events: [...trail].sort((a, b) => a.seq - b.seq) })
  if (relayed) {
    const copies = (await world.db.collection(collections.caseEvent).limit(1000).get()).data as Array<
      CaseEvent & { feedAt?: string }
    >
    const stored = [...cases.values()].flatMap((entry) => entry.events)
    const plain = copies.map(({ feedAt: _feedAt, ...event }) => event)
    const byId = (list: CaseEvent[]) => [...list].sort((a, b) => (a._id < b._id ? -1 : 1))
    expect(byId(plain)).toEqual(byId(stored))
  }
  return { cases }
}

const terminal: CaseStatus[] = ['closed', 'rejected', 'merged']
/** Statuses in which nobody owns the case: it waits on a board or is with the district offices / the city. */
const ownerless: CaseStatus[] = ['pending', 'awaiting-signoff', 'at-city']
/** Acts that hand a case to someone or take it away from its owner. */
const claimChanging = new Set<string>([
  'claim',
  'release',
  'escalate',
  'send-back',
  'dispute',
  'request-city',
  'correct-grid',
])

/** Whether transitionTable (case-status.ts) lists this event: type, from → to ('same' = unchanged), role. */
function tableAllows(event: CaseEvent): string | null {
  if (!(caseCommands as readonly string[]).includes(event.type)) return `unknown event type ${event.type}`
  const transition = transitionTable[event.type as CaseCommand]
  if (!transition.from.includes(event.from)) return `${event.type} from ${event.from} is not in the table`
  const targets = [transition.to, ...(transition.alternatives ?? [])]
  if (!targets.some((target) => (target === 'same' ? event.from === event.to : target === event.to))) {
    return `${event.type} ${event.from} → ${event.to} is not in the table`
  }
  if (!transition.roles.includes(event.actorRole))
    return `${event.type} by ${event.actorRole} is not in the table`
  return null
}

/** The invariants that must hold in any state, and between any two consecutive states. */
function violations(now: Snapshot, before: Snapshot | null): string[] {
  const found: string[] = []
  for (const [caseId, { record, events }] of now.cases) {
    const say = (message: string) => found.push(`${caseId} (${record.status}): ${message}`)
    if (!caseStatuses.includes(record.status)) say(`unknown status`)

    // Every change has an event; the chain verifies.
    if (events.length !== record.eventCount)
      say(`eventCount ${record.eventCount} but ${events.length} events`)
    events.forEach((event, index) => {
      if (event.seq !== index) say(`event #${index} has seq ${event.seq}`)
    })
    const verdict = verifyTrail(events, record, testTrailKey)
    if (!verdict.intact) say(`trail broken at ${verdict.brokenAt}: ${verdict.reason}`)

    // Only legal transitions, and they chain up to the case's status.
    events.forEach((event, index) => {
      const illegal = tableAllows(event)
      if (illegal) say(`event #${index}: ${illegal}`)
      const previous = index === 0 ? 'none' : events[index - 1]!.to
      if (event.from !== previous)
        say(`event #${index} (${event.type}) starts from ${event.from}, the previous ended in ${previous}`)
    })
    if (events[0]?.type !== 'submit') say(`the first event is ${events[0]?.type}, not submit`)
    // A case takes in only duplicates that really were merged into it.
    for (const event of events.filter((candidate) => candidate.type === 'absorb')) {
      const duplicate = now.cases.get(String(event.details.duplicateId))?.record
      if (duplicate?.status !== 'merged' || duplicate.resolution?.mergedInto !== caseId)
        say(`absorbed ${String(event.details.duplicateId)}, which was not merged into it`)
    }
    if (events.at(-1)?.to !== record.status) say(`the last event ends in ${events.at(-1)?.to}`)

    // At most one owner, and only the one the trail says.
    if (record.status === 'claimed' && !record.claim) say('claimed without a claim')
    if (ownerless.includes(record.status) && record.claim)
      say(`owned by ${record.claim.userId} while ${record.status}`)
    if (record.claim) {
      const last = [...events].reverse().find((event) => claimChanging.has(event.type))
      if (last?.type !== 'claim' || last.actorId !== record.claim.userId) {
        say(
          `claim by ${record.claim.userId}, but the trail's last claim-changing event is ${last?.type} by ${last?.actorId}`,
        )
      }
    }

    if (!before) continue
    const earlier = before.cases.get(caseId)
    if (!earlier) continue
    // Events are append-only: what was there is still there, unchanged.
    earlier.events.forEach((event, index) => {
      if (JSON.stringify(events[index]) !== JSON.stringify(event))
        say(`event #${index} was edited or removed`)
    })
    // A case document changes only together with a new event.
    if (
      record.eventCount === earlier.record.eventCount &&
      JSON.stringify(record) !== JSON.stringify(earlier.record)
    ) {
      say(`changed without an event: ${diffKeys(earlier.record, record).join(', ')}`)
    }
    // Closed, rejected and merged cases never change again.
    if (terminal.includes(earlier.record.status)) {
      if (
        JSON.stringify(record) !== JSON.stringify(earlier.record) ||
        events.length !== earlier.events.length
      ) {
        say(`changed after it was ${earlier.record.status}: ${diffKeys(earlier.record, record).join(', ')}`)
      }
    }
  }
  if (before) {
    for (const caseId of before.cases.keys()) if (!now.cases.has(caseId)) found.push(`${caseId} disappeared`)
  }
  return found
}

function diffKeys(a: CaseRecord, b: CaseRecord): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CaseRecord>
  return [...keys].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
}

/** Events in the database, optionally leaving out one type. */
const eventTotal = (state: Snapshot, except?: string) =>
  [...state.cases.values()].reduce(
    (sum, entry) => sum + entry.events.filter((event) => event.type !== except).length,
    0,
  )

interface Call {
  openid: string
  action: CaseAction
  payload: Record<string, unknown>
}

/** A percentage roll: `roll < p` happens p times in a hundred; shrinking goes towards 0. */
const percent = fc.nat({ max: 99 })

/** The choices behind one call; `callFrom` reads them against the database as it is when the call is made. */
const callChoices = fc.record({
  caseIndex: fc.nat({ max: 4 }),
  fitting: percent,
  action: fc.nat({ max: 9999 }),
  likelyActor: percent,
  owner: percent,
  actor: fc.nat({ max: 99 }),
  note: percent,
  option: fc.nat({ max: 99 }),
  flag: percent,
  amount: fc.nat({ max: 99 }),
})
type CallChoices = typeof callChoices extends fc.Arbitrary<infer T> ? T : never

const sweepMinutes = [10, 60, 130, 250, 24 * 60, 4 * 24 * 60]

/**
 * One step: the clock moves and the sweeps run, or one call, or a batch of concurrent calls (often all at
 * the same case, as a group chat does). `silence` lets a few days pass instead, when a case awaits its
 * reporter's confirmation.
 */
const stepChoices = fc.record({
  silence: percent,
  act: fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constant('sweep' as const),
        minutes: fc.constantFrom(...sweepMinutes),
      }),
    },
    {
      weight: 70,
      arbitrary: fc.record({
        kind: fc.constant('calls' as const),
        calls: fc.tuple(callChoices).map((calls): CallChoices[] => calls),
        sameCase: percent,
      }),
    },
    {
      weight: 18,
      arbitrary: fc.record({
        kind: fc.constant('calls' as const),
        calls: fc.array(callChoices, { minLength: 2, maxLength: 5 }),
        sameCase: percent,
      }),
    },
  ),
})
type StepChoices = typeof stepChoices extends fc.Arbitrary<infer T> ? T : never

const scenarios = fc.record({
  reports: fc.integer({ min: 3, max: 5 }),
  steps: fc.array(stepChoices, { minLength: 30, maxLength: 60 }),
})

const pick = <T>(items: readonly T[], index: number): T => {
  if (items.length === 0) throw new Error('pick from an empty list')
  return items[index % items.length]!
}

/** Picks by weight with `roll` in [0, 10000). */
function weighted<T>(items: readonly T[], weight: (item: T) => number, roll: number): T {
  let left = (roll / 10000) * items.reduce((sum, item) => sum + weight(item), 0)
  for (const item of items) {
    left -= weight(item)
    if (left < 0) return item
  }
  return items[items.length - 1]!
}

/** The call the choices make: mostly one that could make sense for the case's status, from someone likely. */
function callFrom(choices: CallChoices, state: Snapshot, caseIds: string[], now: Date): Call {
  const caseId = pick(caseIds, choices.caseIndex)
  const record = state.cases.get(caseId)!.record
  const fitting = caseActions.filter(([, commands]) =>
    commands.some((command) => transitionTable[command].from.includes(record.status)),
  )
  const [action, commands] =
    choices.fitting < 85 && fitting.length > 0
      ? weighted(fitting, weightOf, choices.action)
      : pick(caseActions, choices.action)
  const command = commands[0]
  let openid = pick(accounts, choices.actor)
  if (choices.likelyActor < 70) {
    const likely = accounts.filter((account) => transitionTable[command].roles.includes(roleOf.get(account)!))
    if (['confirm', 'dispute', 'correct-grid'].includes(command)) openid = record.reporterId
    else if (['rectify', 'release', 'record-part'].includes(command) && record.claim && choices.owner < 70)
      openid = record.claim.userId
    else if (command === 'record-part' && record.jointHandlers.length > 0)
      openid = pick(record.jointHandlers, choices.actor).openid
    else if (likely.length > 0) openid = pick(likely, choices.actor)
  }
  const { option, flag, amount } = choices
  const note = choices.note < 90 ? '随机步骤说明' : ''
  const payloads: Record<CaseAction, () => Record<string, unknown>> = {
    'case.claim': () => ({}),
    'case.release': () => ({ reason: note || '不属于本网格' }),
    'case.rectify': () => ({
      measure: pick(['dissuade', 'rectification-notice', 'on-site-fix'] as const, option),
      note,
      photos: [afterPhoto],
    }),
    'case.escalate': () => ({
      reason: pick(['out-of-remit', 'needs-joint-enforcement', 'cannot-handle'] as const, option),
      note,
    }),
    'case.requestCity': () => ({ note: '涉及跨区，需市级协调' }),
    'case.signOff': () => ({ note }),
    'case.sendBack': () => ({ note: '请属地先行处置' }),
    'case.verify': () => ({ passed: flag < 70, note: '核查意见' }),
    'case.confirm': () => ({ rating: 1 + (amount % 5), comment: note }),
    'case.dispute': () => ({ reason: '问题依旧' }),
    'case.reject': () => ({
      reason: pick(['duplicate', 'not-pollution', 'unclear-photo'] as const, option),
      note,
    }),
    'case.merge': () => ({ intoCaseId: pick(caseIds, option), reason: '重复举报' }),
    'case.cityResolve': () => ({ note: '市级已协调办结' }),
    'case.supervise': () => ({
      deadlineAt: new Date(now.getTime() + (1 + (amount % 30)) * 3_600_000).toISOString(),
      note: '挂牌督办',
    }),
    'case.unsupervise': () => ({ note: '已按期整改' }),
    'case.attachHandlers': () => ({
      openids: [
        pick(
          ['demo-sunk-staff', 'demo-grid-member', 'demo-air-office', 'demo-grid-leader-1', 'demo-resident'],
          option,
        ),
      ],
    }),
    'case.recordPart': () => ({ note: '本部门已处置', photos: flag < 50 ? [afterPhoto] : [] }),
    'case.correctGrid': () => ({ gridId: pick(correctionTargets, option) }),
    'case.join': () => ({}),
    'case.linkSite': () => ({ siteId: pick(siteIds, option) }),
  }
  return { openid, action, payload: { caseId, ...payloads[action]() } }
}

const describeCall = (call: Call) => `${call.openid} ${call.action} ${JSON.stringify(call.payload)}`

interface Tally {
  calls: number
  ok: number
  concurrentBatches: number
  sweeps: number
  statusesSeen: Set<CaseStatus>
  commandsSeen: Set<string>
}

/** Runs one scenario on a fresh world and throws, with every step taken, at the first broken invariant. */
async function runScenario(scenario: { reports: number; steps: StepChoices[] }, tally: Tally): Promise<void> {
  const world = await createTestWorld()
  const log: string[] = []
  const fail = (step: number, problems: string[]): never => {
    throw new Error(`step ${step}: ${problems.join('\n  ')}\nsteps:\n  ${log.join('\n  ')}`)
  }
  try {
    const reports: [string, { lng: number; lat: number }][] = [
      ['demo-resident', demoPoints.yingyueRoadGrid1],
      ['demo-resident-2', demoPoints.yingyueRoadGrid1],
      ['demo-resident-2', demoPoints.streetOnly],
      ['demo-resident', demoPoints.streetOnly],
      ['demo-grid-member', demoPoints.yingyueRoadGrid1],
    ]
    siteIds = []
    for (const [index, location] of [demoPoints.yingyueRoadGrid1, demoPoints.streetOnly].entries())
      siteIds.push(
        (
          await world.ok(
            'demo-air-office',
            'site.create',
            siteInput({ requestId: `property-site-${index}`, name: `属性测试工地${index}`, location }),
          )
        ).site.id,
      )
    const caseIds: string[] = []
    for (const [index, [openid, point]] of reports.slice(0, scenario.reports).entries()) {
      caseIds.push(
        (await world.ok(openid, 'case.submit', reportAt(point, { requestId: `property-report-${index}` })))
          .case.id,
      )
      log.push(`${openid} reports ${caseIds.at(-1)}`)
    }
    let state = await snapshot(world)
    const initial = violations(state, null)
    if (initial.length > 0) fail(0, initial)

    for (const [index, { silence, act }] of scenario.steps.entries()) {
      const step = index + 1
      // A reporter who stays silent for days: now and then the days pass while a case awaits confirmation.
      const silent =
        silence >= 95 && [...state.cases.values()].some((entry) => entry.record.status === 'verified')
      if (act.kind === 'sweep' || silent) {
        const minutes = silent ? 4 * 24 * 60 : act.kind === 'sweep' ? act.minutes : 0
        world.clock.advanceMinutes(minutes)
        const reportsOfSweeps = await runSweeps(world.runtime)
        await runRelay(world.runtime)
        tally.sweeps += 1
        log.push(
          `step ${step}: +${minutes} min, sweeps ${JSON.stringify(reportsOfSweeps.filter((r) => r.acted > 0))}`,
        )
        const after = await snapshot(world, true)
        const acted = reportsOfSweeps.reduce((sum, report) => sum + report.acted, 0)
        const problems = violations(after, state)
        if (eventTotal(after) - eventTotal(state) !== acted)
          problems.push(
            `sweeps acted ${acted} times but added ${eventTotal(after) - eventTotal(state)} events`,
          )
        if (problems.length > 0) fail(step, problems)
        state = after
        continue
      }
      const calls = act.calls.map((choices) => callFrom(choices, state, caseIds, world.clock.now))
      const batch = calls.length
      if (batch > 1 && act.sameCase < 60)
        for (const call of calls) call.payload.caseId = calls[0]!.payload.caseId
      const answers: Envelope<unknown>[] = await Promise.all(
        calls.map((call) => world.call(call.openid, call.action, call.payload)),
      )
      const after = await snapshot(world)
      tally.calls += batch
      if (batch > 1) tally.concurrentBatches += 1
      const problems = violations(after, state)
      answers.forEach((answer, index) => {
        const call = calls[index]!
        log.push(
          `step ${step}${batch > 1 ? ` [${index + 1}/${batch} concurrent]` : ''}: ${describeCall(call)} → ${answer.ok ? 'ok' : answer.error.code}`,
        )
        if (!answer.ok && answer.error.code === 'internal')
          problems.push(`${describeCall(call)} failed internally`)
      })
      const okCount = answers.filter((answer) => answer.ok).length
      tally.ok += okCount
      // Each successful call adds exactly one event to the case it names; a merge adds one more to the
      // surviving case (absorb), unless that case was closed meanwhile.
      const added = eventTotal(after, 'absorb') - eventTotal(state, 'absorb')
      if (added !== okCount) problems.push(`${okCount} calls succeeded but ${added} events were added`)
      for (const [caseId, entry] of after.cases) {
        const expected = calls.filter(
          (call, index) => call.payload.caseId === caseId && answers[index]!.ok,
        ).length
        const own = (events: CaseEvent[] = []) => events.filter((event) => event.type !== 'absorb').length
        const gained = own(entry.events) - own(state.cases.get(caseId)?.events)
        if (gained !== expected)
          problems.push(`${caseId}: ${expected} successful calls on it but ${gained} events added`)
      }
      const okMerges = calls.filter(
        (call, index) => call.action === 'case.merge' && answers[index]!.ok,
      ).length
      const absorbed = eventTotal(after) - eventTotal(state) - added
      if (absorbed > okMerges) problems.push(`${absorbed} absorb events for ${okMerges} merges`)
      // A refused call, alone, leaves the database exactly as it was.
      if (
        batch === 1 &&
        okCount === 0 &&
        JSON.stringify([...after.cases]) !== JSON.stringify([...state.cases])
      ) {
        problems.push(`the refused call ${describeCall(calls[0]!)} changed the database`)
      }
      if (problems.length > 0) fail(step, problems)
      for (const entry of after.cases.values()) {
        tally.statusesSeen.add(entry.record.status)
        for (const event of entry.events) tally.commandsSeen.add(event.type)
      }
      state = after
    }
  } finally {
    await world.close()
  }
}

describe('command scenarios through the api keep the lifecycle invariants', () => {
  const tally: Tally = {
    calls: 0,
    ok: 0,
    concurrentBatches: 0,
    sweeps: 0,
    statusesSeen: new Set(),
    commandsSeen: new Set(),
  }

  it(`holds for ${runs} scenarios`, async () => {
    // Every shrinking step replays a whole scenario, so shrinking gets a time budget: once it is spent,
    // the remaining candidates are passed over and the smallest failing scenario found so far is reported.
    let failedAt: number | null = null
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        if (failedAt !== null && Date.now() - failedAt > shrinkBudgetMs) return
        try {
          await runScenario(scenario, tally)
        } catch (error) {
          failedAt ??= Date.now()
          throw error
        }
      }),
      { numRuns: runs, seed, path: replayPath, endOnFailure: replayPath !== undefined },
    )
  }, 300_000)

  // The default runs must actually exercise the lifecycle, or the invariants above prove little.
  if (runs >= 20 && process.env.PROPERTY_SEED === undefined) {
    it('reached every status and most acts across the scenarios', () => {
      expect([...tally.statusesSeen].sort()).toEqual([...caseStatuses].sort())
      // A photo's verdict comes from WeChat's push, not through the api, and so does what staff judge after
      // it: test/cloud/content covers `screen`, `approve-content` and `approve-evidence`.
      const viaWeChat = new Set(['submit', 'screen', 'approve-content', 'approve-evidence'])
      const expectedCommands = caseCommands.filter((command) => !viaWeChat.has(command))
      expect(expectedCommands.filter((command) => !tally.commandsSeen.has(command))).toEqual([])
      expect(tally.ok).toBeGreaterThan(tally.calls / 10)
      expect(tally.concurrentBatches).toBeGreaterThan(runs)
    })
  }
})
