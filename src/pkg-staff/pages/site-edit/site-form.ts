import type { ActionInput, SiteView } from '@/domain/contract'
import { siteFieldsSchema } from '@/domain/sites/inputs'
import { describeIssues } from '@/domain/shared/contract-kit'
import { draftCoordinates, parseCoordinate } from '@/pages/report/report-draft'
import { newRequestId } from '@/utils/request-id'

/** The site form as typed; the place as the report page's place section keeps it. */
export interface SiteForm {
  /** Made once per new site and reused by every retry, so a retried save never registers it twice. */
  requestId: string
  name: string
  type: string
  address: string
  lngText: string
  latText: string
  accuracyMeters: number | null
  creditCode: string
  responsibleUnit: string
  contactName: string
  contactPhone: string
}

export const emptySiteForm = (): SiteForm => ({
  requestId: newRequestId(),
  name: '',
  type: '',
  address: '',
  lngText: '',
  latText: '',
  accuracyMeters: null,
  creditCode: '',
  responsibleUnit: '',
  contactName: '',
  contactPhone: '',
})

/** The form filled with a site as stored, to change it. */
export function siteFormOf(site: SiteView): SiteForm {
  return {
    requestId: newRequestId(),
    name: site.name,
    type: site.type,
    address: site.address,
    lngText: String(site.location.lng),
    latText: String(site.location.lat),
    accuracyMeters: null,
    creditCode: site.creditCode,
    responsibleUnit: site.responsibleUnit,
    contactName: site.contactName,
    contactPhone: site.contactPhone,
  }
}

/** What the form sends for the site's fields (site.create adds its request id, site.update the site's id). */
export function buildSiteFields(form: SiteForm): Omit<ActionInput<'site.update'>, 'siteId'> {
  const lng = parseCoordinate(form.lngText)
  const lat = parseCoordinate(form.latText)
  return {
    name: form.name,
    type: form.type,
    address: form.address,
    location: { lng: lng ?? Number.NaN, lat: lat ?? Number.NaN },
    creditCode: form.creditCode,
    responsibleUnit: form.responsibleUnit,
    contactName: form.contactName,
    contactPhone: form.contactPhone,
  }
}

/** The form's problems by field, with the server's own schema (its Chinese messages); none when it may be sent. */
export function siteFormErrors(form: SiteForm): Record<string, string> {
  const parsed = siteFieldsSchema.safeParse(buildSiteFields(form))
  const errors = parsed.success ? {} : describeIssues(parsed.error)
  if (!draftCoordinates(form)) {
    for (const key of Object.keys(errors)) if (key.startsWith('location')) delete errors[key]
    errors.location = '请在地图上选择或填写污染源位置的经纬度'
  }
  return errors
}
