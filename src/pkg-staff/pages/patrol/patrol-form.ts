import type { ActionInput, ActionOutput } from '@/domain/contract'
import { newRequestId } from '@/utils/request-id'
import { parseCoordinate } from '@/pages/report/report-draft'

export type RoundView = NonNullable<ActionOutput<'patrol.round'>['round']>

/** What the walker typed for the next check-in (and a find), with a request id reused by every retry. */
export interface PatrolForm {
  requestId: string
  lngText: string
  latText: string
  accuracyMeters: number | null
  address: string
  note: string
  photos: string[]
  categoryId: string
  checkId: string
  description: string
}

export function emptyPatrolForm(keep: Partial<PatrolForm> = {}): PatrolForm {
  return {
    requestId: newRequestId(),
    lngText: '',
    latText: '',
    accuracyMeters: null,
    address: '',
    note: '',
    photos: [],
    categoryId: '',
    checkId: '',
    description: '',
    ...keep,
  }
}

/** The place typed or located, or the round's last check-in when none is (a find "here" after checking in). */
export function placeOf(form: PatrolForm, round: RoundView | null) {
  const lng = parseCoordinate(form.lngText)
  const lat = parseCoordinate(form.latText)
  if (lng !== undefined && lat !== undefined) return { lng, lat }
  const last = round?.track[round.track.length - 1]
  return last ? last.location : null
}

export function checkInPayload(form: PatrolForm, round: RoundView): ActionInput<'patrol.checkIn'> {
  const place = placeOf(form, null)
  return {
    requestId: form.requestId,
    roundId: round.id,
    location: place ?? { lng: Number.NaN, lat: Number.NaN },
    accuracyMeters: form.accuracyMeters,
    photos: form.photos,
    note: form.note,
  }
}

export function reportPayload(form: PatrolForm, round: RoundView): ActionInput<'patrol.report'> {
  const place = placeOf(form, round)
  return {
    requestId: form.requestId,
    roundId: round.id,
    categoryId: form.categoryId,
    checkId: form.checkId,
    description: form.description,
    photos: form.photos,
    location: place ?? { lng: Number.NaN, lat: Number.NaN },
    accuracyMeters: form.accuracyMeters,
    address: form.address,
  }
}

/** "1小时5分钟", "25分钟". */
export function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return hours > 0 ? `${hours}小时${rest}分钟` : `${rest}分钟`
}
