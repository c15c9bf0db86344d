import { findCategory, type CategoryCatalog } from '../case/categories'
import { gcj02PointSchema, type Gcj02Point } from '../shared/geo'
import { periodKeyOf } from '../shared/time'
import { wgs84ToGcj02 } from './coordinates'
import {
  checkAttributeCode,
  maxDescriptionLength,
  maxRequestIdsPerQuery,
  refusal,
  requestStatuses,
  requestWindowDays,
  type Open311Refusal,
  type Open311Status,
} from './spec'

/** What a GET requests asks for, once read: some ids (which override everything else), or a window. */
export type RequestsQuery =
  | { kind: 'ids'; ids: string[] }
  | {
      kind: 'window'
      /** Empty: every service. */
      serviceCodes: string[]
      /** Empty: both. */
      statuses: Open311Status[]
      /** ISO instants, both inclusive. */
      from: string
      to: string
    }

export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & Open311Refusal)
const refused = (...args: Parameters<typeof refusal>): { ok: false } & Open311Refusal => ({
  ok: false,
  ...refusal(...args),
})

const dayMillis = 24 * 60 * 60 * 1000
/** The w3 note's profile of ISO 8601, with its time zone (Z or ±HH:MM), as the spec requires. */
const w3DateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/
const requestIdPattern = /^[\w-]{1,64}$/

/** An optional argument: absent, empty or blank all mean "not given" (the spec's rule). */
function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

function commaList(value: string | undefined): string[] {
  return [
    ...new Set(
      (given(value) ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ]
}

function instantOf(name: string, value: string): Parsed<number> {
  const at = w3DateTime.test(value) ? Date.parse(value) : Number.NaN
  if (Number.isNaN(at))
    return refused(400, 'invalid-date', `${name} 须为带时区的 W3C 日期时间，例如 2026-12-01T00:00:00+08:00`)
  return { ok: true, value: at }
}

/**
 * Reads GET requests' arguments: `service_request_id` (a comma list, overriding the rest), `service_code` (a
 * comma list of our services), `start_date` and `end_date` (w3 instants, at most 90 days apart; one given,
 * the other is 90 days from it; neither, the 90 days up to now), `status` (`open`, `closed`, or both). Other
 * arguments (`jurisdiction_id`: we serve one) are ignored.
 */
export function parseRequestsQuery(
  params: Readonly<Record<string, string | undefined>>,
  now: Date,
  catalog: CategoryCatalog,
): Parsed<RequestsQuery> {
  const ids = commaList(params.service_request_id)
  if (ids.length > 0) {
    if (ids.length > maxRequestIdsPerQuery)
      return refused(400, 'too-many-ids', `service_request_id 一次最多${maxRequestIdsPerQuery}个`)
    const bad = ids.find((id) => !requestIdPattern.test(id))
    if (bad !== undefined)
      return refused(400, 'invalid-request-id', `service_request_id 无效：${bad.slice(0, 64)}`)
    return { ok: true, value: { kind: 'ids', ids } }
  }

  const serviceCodes = commaList(params.service_code)
  const unknown = serviceCodes.find((code) => !findCategory(code, catalog))
  if (unknown !== undefined)
    return refused(400, 'unknown-service', `service_code 无效：没有 ${unknown.slice(0, 64)} 这个服务类别`)

  const statuses = commaList(params.status)
  const badStatus = statuses.find((status) => !(requestStatuses as readonly string[]).includes(status))
  if (badStatus !== undefined)
    return refused(400, 'invalid-status', `status 只能是 open 或 closed（可用逗号同时给出）`)

  const window = requestWindowDays * dayMillis
  const start = given(params.start_date)
  const end = given(params.end_date)
  const startAt = start === undefined ? undefined : instantOf('start_date', start)
  if (startAt && !startAt.ok) return startAt
  const endAt = end === undefined ? undefined : instantOf('end_date', end)
  if (endAt && !endAt.ok) return endAt
  let from: number
  let to: number
  if (startAt && endAt) {
    from = startAt.value
    to = endAt.value
    if (from > to) return refused(400, 'invalid-range', 'start_date 不能晚于 end_date')
    if (to - from > window)
      return refused(400, 'range-too-long', `start_date 与 end_date 相隔不能超过${requestWindowDays}天`)
  } else if (startAt) {
    from = startAt.value
    to = from + window
  } else if (endAt) {
    to = endAt.value
    from = to - window
  } else {
    to = now.getTime()
    from = to - window
  }
  return {
    ok: true,
    value: {
      kind: 'window',
      serviceCodes,
      statuses: statuses.length === requestStatuses.length ? [] : (statuses as Open311Status[]),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    },
  }
}

/** The Beijing days a window touches, in order: the days of the desk's marks a case received in it holds. */
export function beijingDaysOf(from: string, to: string): string[] {
  const days = new Set<string>()
  const end = Date.parse(to)
  for (let at = Date.parse(from); at < end; at += dayMillis) days.add(periodKeyOf('day', new Date(at)))
  days.add(periodKeyOf('day', new Date(end)))
  return [...days]
}

/** A POST requests, as read from its form (or JSON) fields: what the case is made of. */
export interface ServiceRequestPost {
  serviceCode: string
  checkId: string
  /** GCJ-02, converted from the WGS-84 `lat` and `long` sent. */
  location: Gcj02Point
  address: string
  description: string
  /** Whom staff may contact about it: kept for the handling staff only, as a complaint caller's contact. */
  contact: { name: string; phone: string; email?: string } | null
  deviceId: string
  accountId: string
  /** A `media_url` was sent: not taken (no outside photo enters a case without our content checks). */
  mediaUrlIgnored: boolean
}

const limits = { address: 200, name: 40, phone: 32, email: 254, id: 128 }
const phonePattern = /^\+?[0-9][0-9 ()-]{2,31}$/
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function numberOf(value: string | undefined): number | undefined {
  const text = given(value)
  if (text === undefined) return undefined
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN
}

/**
 * Reads a POST requests: `service_code` (404 when we have no such service), a point (`lat` and `long`, WGS-84;
 * we route by point and have no geocoder, so `address_string` or `address_id` alone is refused), the
 * required `attribute[check]` (one of the service's checks), and the optional `description` (4000
 * characters), `address_string`, `first_name`, `last_name`, `phone`, `email`, `device_id`, `account_id`.
 * Each refusal names the parameter. Whether the point lies in a grid is the server's to find out.
 */
export function parseServiceRequestPost(
  fields: Readonly<Record<string, string | undefined>>,
  attributes: Readonly<Record<string, string | string[] | undefined>>,
  catalog: CategoryCatalog,
): Parsed<ServiceRequestPost> {
  const serviceCode = given(fields.service_code)
  if (serviceCode === undefined) return refused(400, 'missing-service-code', '缺少 service_code')
  const category = findCategory(serviceCode, catalog)
  if (!category)
    return refused(404, 'unknown-service', `service_code 无效：没有 ${serviceCode.slice(0, 64)} 这个服务类别`)

  const lat = numberOf(fields.lat)
  const long = numberOf(fields.long)
  if (lat === undefined && long === undefined) {
    if (given(fields.address_string) || given(fields.address_id))
      return refused(
        400,
        'point-required',
        '请同时提供 lat 与 long（WGS-84）：本平台按坐标分派网格，不能仅凭地址受理',
      )
    return refused(400, 'missing-location', '缺少位置：请提供 lat 与 long（WGS-84）')
  }
  if (lat === undefined || long === undefined || Number.isNaN(lat) || Number.isNaN(long))
    return refused(400, 'invalid-location', 'lat 与 long 须同时提供，且都是十进制度数')
  const location = wgs84ToGcj02({ lat, long })
  if (!gcj02PointSchema.safeParse(location).success)
    return refused(400, 'outside-service-area', 'lat/long 不在服务范围内')

  const answered = attributes[checkAttributeCode]
  const checkId = Array.isArray(answered) ? answered[0] : answered
  if (given(checkId) === undefined)
    return refused(
      400,
      'missing-attribute',
      `缺少 attribute[${checkAttributeCode}]：请选择具体问题（见 services/${category.id}.json）`,
    )
  if (Array.isArray(answered) && answered.length > 1)
    return refused(400, 'invalid-attribute', `attribute[${checkAttributeCode}] 只能选择一项`)
  const check = category.checks.find((each) => each.id === checkId!.trim())
  if (!check)
    return refused(
      400,
      'invalid-attribute',
      `attribute[${checkAttributeCode}] 无效：${category.name}没有这个具体问题`,
    )

  const description = (fields.description ?? '').trim()
  if ([...description].length > maxDescriptionLength)
    return refused(400, 'description-too-long', `description 不能超过${maxDescriptionLength}个字符`)
  const address = given(fields.address_string) ?? ''
  if ([...address].length > limits.address)
    return refused(400, 'address-too-long', `address_string 不能超过${limits.address}个字符`)

  const name = [given(fields.last_name), given(fields.first_name)].filter(Boolean).join('')
  if ([...name].length > limits.name)
    return refused(400, 'name-too-long', `first_name 与 last_name 合计不能超过${limits.name}个字符`)
  const phone = given(fields.phone) ?? ''
  if (phone && !phonePattern.test(phone)) return refused(400, 'invalid-phone', 'phone 不是有效的电话号码')
  const email = given(fields.email) ?? ''
  if (email && (email.length > limits.email || !emailPattern.test(email)))
    return refused(400, 'invalid-email', 'email 不是有效的电子邮件地址')
  const deviceId = given(fields.device_id) ?? ''
  const accountId = given(fields.account_id) ?? ''
  if (deviceId.length > limits.id || accountId.length > limits.id)
    return refused(400, 'id-too-long', `device_id 与 account_id 不能超过${limits.id}个字符`)

  return {
    ok: true,
    value: {
      serviceCode: category.id,
      checkId: check.id,
      location,
      address,
      description,
      contact: name || phone || email ? { name, phone, ...(email ? { email } : {}) } : null,
      deviceId,
      accountId,
      mediaUrlIgnored: given(fields.media_url) !== undefined,
    },
  }
}

/**
 * What a retried POST repeats: every field the case is made of, in a fixed order. Without an
 * `Idempotency-Key` header, the server keys the case by this (with the api key), so the same post sent twice
 * files one case.
 */
export function postFingerprintOf(post: ServiceRequestPost): string {
  return JSON.stringify([
    post.serviceCode,
    post.checkId,
    post.location.lng,
    post.location.lat,
    post.address,
    post.description,
    post.contact?.name ?? '',
    post.contact?.phone ?? '',
    post.contact?.email ?? '',
    post.deviceId,
    post.accountId,
  ])
}
