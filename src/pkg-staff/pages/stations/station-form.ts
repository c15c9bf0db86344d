import type { ActionInput } from '@/domain/contract'
import { intakeInputs } from '@/domain/intake/inputs'
import { describeIssues } from '@/domain/shared/contract-kit'
import { draftCoordinates, parseCoordinate } from '@/pages/report/report-draft'

/** The office's form for one station, as typed; the place as the report page's place section keeps it. */
export interface StationForm {
  stationId: string
  name: string
  lngText: string
  latText: string
  accuracyMeters: number | null
  address: string
}

export const emptyStationForm = (): StationForm => ({
  stationId: '',
  name: '',
  lngText: '',
  latText: '',
  accuracyMeters: null,
  address: '',
})

export function buildStationPayload(form: StationForm): ActionInput<'station.register'> {
  const lng = parseCoordinate(form.lngText)
  const lat = parseCoordinate(form.latText)
  return {
    stationId: form.stationId.trim(),
    name: form.name,
    location: { lng: lng ?? Number.NaN, lat: lat ?? Number.NaN },
    address: form.address,
  }
}

/** The form's problems by field, with the server's own schema; none when it may be sent. */
export function stationFormErrors(form: StationForm): Record<string, string> {
  const parsed = intakeInputs['station.register'].safeParse(buildStationPayload(form))
  const errors = parsed.success ? {} : describeIssues(parsed.error)
  if (!draftCoordinates(form)) {
    for (const key of Object.keys(errors)) if (key.startsWith('location')) delete errors[key]
    errors.location = '请在地图上选择或填写站点位置的经纬度'
  }
  return errors
}
