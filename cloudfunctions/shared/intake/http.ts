import { Buffer } from 'node:buffer'
import { z } from '../../../src/domain/shared/zod'
import { systemActor } from '../../../src/domain/case/decide'
import { decideReading, episodeDescription, type ReadingStep } from '../../../src/domain/intake/episode'
import { checkReading, type Reading } from '../../../src/domain/intake/reading'
import { intakeRefusals, refuseIntake, type IntakeRefusal } from '../../../src/domain/intake/refusals'
import {
  checkFreshness,
  readSignedHeaders,
  signaturesMatch,
  type SignedRequest,
} from '../../../src/domain/intake/signature'
import { caseIdFor } from '../cases/handlers/reports'
import { fileCase } from '../cases/intake'
import { storesFor, type Stores } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { signRequest, stationSecret } from './secrets'
import type { StationRecord } from './store'

/** The request as CloudBase's HTTP access service hands it to a function (the fields the intake reads). */
const httpEventSchema = z.object({
  path: z.string().optional(),
  httpMethod: z.string(),
  headers: z.record(z.string(), z.unknown()).default({}),
  body: z.string().nullable().optional(),
  isBase64Encoded: z.boolean().default(false),
})

/** What the function answers the HTTP access service with (its integration response). */
export interface HttpResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

/**
 * How long an opening may take before an episode that its station does not know of counts as stranded (its
 * opener stopped between the episode's insert and the case's): far beyond one invocation's timeout.
 */
const strandedAfterMillis = 60_000

/** A station's request may not be larger than this: one reading is a few hundred bytes. */
const maxBodyBytes = 16 * 1024

export interface IntakeAccepted {
  ok: true
  readingId: string
  /** The episode the reading belongs to, if any, and whether this reading opened or closed it. */
  episode: { id: string; caseId: string | null; opened: boolean; closed: boolean } | null
}

function answer(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  }
}

/** Every refusal is logged (the function's log is the record of them) and answered; nothing is written. */
function refused(refusal: IntakeRefusal, stationId?: string): HttpResponse {
  console.warn(
    JSON.stringify({
      intake: 'refused',
      reason: refusal.reason,
      ...(stationId ? { stationId } : {}),
      ...(refusal.fields ? { fields: refusal.fields } : {}),
    }),
  )
  const { reason, message, fields } = refusal
  return answer(intakeRefusals[reason].status, {
    ok: false,
    error: { code: reason, message, ...(fields ? { fields } : {}) },
  })
}

/**
 * The `intake` function: a monitoring station's signed reading, as the HTTP access service delivers it.
 * Checked in order of cost: the signed headers and their freshness before any read, the station and its
 * signature with one read, the reading itself, then one insert keyed by the nonce (a replay is refused there).
 * Only then does the reading move the station's episode rule.
 */
export async function handleIntakeEvent(runtime: Runtime, event: unknown): Promise<HttpResponse> {
  const parsedEvent = httpEventSchema.safeParse(event)
  if (!parsedEvent.success) return refused({ ...refuseIntake('invalid-reading'), message: '请求格式不正确' })
  const request = parsedEvent.data
  if (request.httpMethod.toUpperCase() !== 'POST') return refused(refuseIntake('method-not-allowed'))
  const rawBody = request.body ?? ''
  const body = request.isBase64Encoded ? Buffer.from(rawBody, 'base64').toString('utf8') : rawBody
  if (Buffer.byteLength(body, 'utf8') > maxBodyBytes)
    return refused({ ...refuseIntake('invalid-reading'), message: '请求体过大' })

  const headers = readSignedHeaders(request.headers)
  if (!headers.ok) return refused(headers)
  const { signed } = headers
  const now = runtime.now()
  const rules = runtime.settings.monitoring
  const stale = checkFreshness(signed.timestamp, now, rules.maxSkewSeconds)
  if (stale) return refused(stale, signed.stationId)

  const stores = storesFor(runtime)
  const station = await stores.intake.station(signed.stationId)
  if (!station) return refused(refuseIntake('unknown-station'), signed.stationId)
  if (!signedBy(runtime, station, signed, body)) return refused(refuseIntake('bad-signature'), station._id)

  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return refused({ ...refuseIntake('invalid-reading'), message: '请求体不是 JSON' }, station._id)
  }
  const checked = checkReading(json, now, rules)
  if (!checked.ok) return refused(checked, station._id)
  const { reading } = checked
  if (reading.stationId !== station._id) return refused(refuseIntake('station-mismatch'), station._id)

  if (!(await stores.intake.recordReading(station._id, signed.nonce, reading, now.toISOString())))
    return refused(refuseIntake('replayed'), station._id)
  const episode = await applyReading(runtime, stores, station, reading, now)
  return answer(200, {
    ok: true,
    readingId: `${station._id}:${signed.nonce}`,
    episode,
  } satisfies IntakeAccepted)
}

function signedBy(runtime: Runtime, station: StationRecord, signed: SignedRequest, body: string): boolean {
  const secret = stationSecret(runtime.trailKey, station._id, station.secretGeneration)
  const expected = signRequest(secret, { ...signed, body })
  return signaturesMatch(expected, signed.signature)
}

/**
 * Moves the station's episode rule by one reading, as the domain decided on the state the station read:
 * the state change is conditional on that state, and an invocation whose change did not hold (another got
 * there first) neither opens nor closes anything. Opening is an insert-once of the episode by its
 * deterministic id, so however many readings decide to open it at once, one files its case.
 */
async function applyReading(
  runtime: Runtime,
  stores: Stores,
  station: StationRecord,
  reading: Reading,
  now: Date,
): Promise<IntakeAccepted['episode']> {
  const rules = runtime.settings.monitoring
  const step: ReadingStep = decideReading(station._id, station, reading, rules)
  const held = step.change ? await stores.intake.changeState(station._id, step.change) : true
  const point = { at: reading.at, pm25: reading.pm25, pm10: reading.pm10 }

  if (step.open && held) {
    const { episodeId, since } = step.open
    const caseId = caseIdFor(`station:${station._id}`, episodeId)
    const opened = await stores.intake.openEpisode({
      _id: episodeId,
      stationId: station._id,
      stationName: station.name,
      caseId,
      since,
      openedAt: now.toISOString(),
      closedAt: null,
      curve: [point],
      readingCount: 1,
      peakPm25: point.pm25,
      peakPm10: point.pm10,
    })
    if (!opened) {
      // Another invocation opened it. Should that one have stopped before filing the case and telling the
      // station (the episode is older than any opening takes, and the station still knows of none), this
      // reading finishes the opening: the case's id comes from the episode, so it is filed once at most.
      const found = await stores.intake.attachAndRead(episodeId, point, rules.curveLimit)
      const stranded = found && now.getTime() - Date.parse(found.openedAt) > strandedAfterMillis
      if (!stranded) return { id: episodeId, caseId, opened: false, closed: false }
    }
    await fileEpisodeCase(runtime, stores, station, reading, { episodeId, caseId, now })
    await stores.intake.changeState(
      station._id,
      { expect: { overSince: since, episodeId: null }, set: { episodeId } },
      { caseId },
    )
    return { id: episodeId, caseId, opened: true, closed: false }
  }
  if (!step.attach) return null
  await stores.intake.attach(step.attach, point, rules.curveLimit)
  const closed = Boolean(step.close && held)
  if (closed) await stores.intake.closeEpisode(step.attach, now.toISOString())
  return { id: step.attach, caseId: station.caseId, opened: false, closed }
}

async function fileEpisodeCase(
  runtime: Runtime,
  stores: Stores,
  station: StationRecord,
  reading: Reading,
  ids: { episodeId: string; caseId: string; now: Date },
): Promise<void> {
  const { tree, locator } = await stores.grids.index()
  // Routed from the station's place as a report is; the grid it was registered in if the tree moved away.
  const grid = locator.locate(station.location) ?? tree.get(station.gridId)
  if (!grid) throw new Error(`station ${station._id}: its grid ${station.gridId} is gone`)
  const rules = runtime.settings.monitoring
  await fileCase(runtime, stores, {
    intake: {
      channel: 'sensor',
      ...rules.caseCategory,
      description: episodeDescription(station.name, reading, rules),
      photos: [],
      location: station.location,
      accuracyMeters: null,
      address: station.address,
      anonymous: false,
      major: false,
      reporter: { id: `station:${station._id}`, nickname: station.name, isPerson: false },
      requestKey: `station:${station._id}:${ids.episodeId}`,
    },
    actor: systemActor,
    caseId: ids.caseId,
    grid,
    now: ids.now,
  })
}
