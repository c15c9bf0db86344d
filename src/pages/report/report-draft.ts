import type { SubmitCaseInput } from '@/domain/contract'
import type { ReportDraft } from '@/hooks/use-draft'

/**
 * A demo point inside 映月路社区第1网格 of the emulator's demo grid tree (emulator/demo/grids.ts, demoPoints),
 * offered only where the dev login exists, i.e. in the emulator.
 */
export const demoLocation = { lng: 113.6925, lat: 34.7288, address: '映月路社区第1网格（示例位置）' }

export function parseCoordinate(text: string): number | undefined {
  const trimmed = text.trim()
  if (!trimmed) return undefined
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : Number.NaN
}

/** Both coordinates of a draft when they read as numbers. */
export function draftCoordinates(
  draft: Pick<ReportDraft, 'lngText' | 'latText'>,
): { lng: number; lat: number } | undefined {
  const lng = parseCoordinate(draft.lngText)
  const lat = parseCoordinate(draft.latText)
  if (lng === undefined || lat === undefined || Number.isNaN(lng) || Number.isNaN(lat)) return undefined
  return { lng, lat }
}

/** Problems with the place that the schema alone would word poorly. */
export function locationIssues(draft: ReportDraft): Record<string, string> {
  const lng = parseCoordinate(draft.lngText)
  const lat = parseCoordinate(draft.latText)
  if (lng === undefined && lat === undefined) return { location: '请获取当前位置、在地图上选择或填写经纬度' }
  const issues: Record<string, string> = {}
  if (lng === undefined || Number.isNaN(lng)) issues['location.lng'] = '请填写正确的经度，如 113.6925'
  if (lat === undefined || Number.isNaN(lat)) issues['location.lat'] = '请填写正确的纬度，如 34.7288'
  return issues
}

export function buildSubmitPayload(draft: ReportDraft): SubmitCaseInput {
  const lng = parseCoordinate(draft.lngText)
  const lat = parseCoordinate(draft.latText)
  return {
    requestId: draft.requestId,
    categoryId: draft.categoryId,
    checkId: draft.checkId,
    description: draft.description,
    photos: draft.photos,
    // A missing place is reported by locationIssues; the schema check then refuses the payload before sending.
    location: { lng: lng ?? Number.NaN, lat: lat ?? Number.NaN },
    accuracyMeters: draft.accuracyMeters,
    address: draft.address,
    anonymous: draft.anonymous,
    channel: 'resident',
  }
}

/** The place of a draft when both coordinates read as numbers, rounded to about a metre (for the nearby lookup). */
export function draftPoint(draft: ReportDraft): { lng: number; lat: number } | undefined {
  const point = draftCoordinates(draft)
  if (!point || Math.abs(point.lng) > 180 || Math.abs(point.lat) > 90) return undefined
  return { lng: Math.round(point.lng * 1e5) / 1e5, lat: Math.round(point.lat * 1e5) / 1e5 }
}

/**
 * Field errors keyed for display, the server's merged with the local place issues: every photo problem shows
 * under the photos, and a missing place replaces the two coordinate messages.
 */
export function submitFieldErrors(
  server: Record<string, string>,
  local: Record<string, string>,
): Record<string, string> {
  const grouped: Record<string, string> = {}
  for (const [path, message] of Object.entries({ ...server, ...local })) {
    const key = path.startsWith('photos') ? 'photos' : path
    if (!grouped[key]) grouped[key] = message
  }
  if (local.location) {
    delete grouped['location.lng']
    delete grouped['location.lat']
  }
  return grouped
}
