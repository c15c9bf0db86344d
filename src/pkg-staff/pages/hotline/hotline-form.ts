import type { ActionInput } from '@/domain/contract'
import { hotlineCallInputSchema } from '@/domain/intake/inputs'
import { describeIssues } from '@/domain/shared/contract-kit'
import { newRequestId } from '@/utils/request-id'
import { draftCoordinates, parseCoordinate } from '@/pages/report/report-draft'

/** The operator's form for one call, as typed; a new call gets a new request id. */
export interface HotlineForm {
  /** Made once per call and reused by every retry, so a retried entry never files a second case. */
  requestId: string
  categoryId: string
  checkId: string
  description: string
  lngText: string
  latText: string
  accuracyMeters: number | null
  address: string
  callerName: string
  callerPhone: string
  major: boolean
}

export function emptyHotlineForm(): HotlineForm {
  return {
    requestId: newRequestId(),
    categoryId: '',
    checkId: '',
    description: '',
    lngText: '',
    latText: '',
    accuracyMeters: null,
    address: '',
    callerName: '',
    callerPhone: '',
    major: false,
  }
}

export function buildHotlinePayload(form: HotlineForm): ActionInput<'hotline.record'> {
  const lng = parseCoordinate(form.lngText)
  const lat = parseCoordinate(form.latText)
  return {
    requestId: form.requestId,
    categoryId: form.categoryId,
    checkId: form.checkId,
    description: form.description,
    location: { lng: lng ?? Number.NaN, lat: lat ?? Number.NaN },
    address: form.address,
    callerName: form.callerName,
    callerPhone: form.callerPhone,
    major: form.major,
  }
}

/** The form's problems by field, with the server's own schema; none when it may be sent. */
export function hotlineFormErrors(form: HotlineForm): Record<string, string> {
  const parsed = hotlineCallInputSchema.safeParse(buildHotlinePayload(form))
  const errors = parsed.success ? {} : describeIssues(parsed.error)
  if (!draftCoordinates(form)) {
    for (const key of Object.keys(errors)) if (key.startsWith('location')) delete errors[key]
    errors.location = '请在地图上选择或填写问题位置的经纬度'
  }
  return errors
}
