import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { z } from '../../../src/domain/shared/zod'
import { openScreening } from '../../../src/domain/content/screening'
import type { CaseRecord } from '../../../src/domain/case/record'
import type { GridTree } from '../../../src/domain/grid/tree'
import {
  caseStatusesOf,
  open311ReporterId,
  open311Viewer,
  serviceDefinitionOf,
  serviceRequestOf,
  servicesOf,
  visibleThroughOpen311,
} from '../../../src/domain/open311/georeport'
import { keyIdOf } from '../../../src/domain/open311/keys'
import {
  beijingDaysOf,
  parseRequestsQuery,
  parseServiceRequestPost,
  postFingerprintOf,
  type RequestsQuery,
} from '../../../src/domain/open311/requests'
import {
  errorBody,
  maxRequestsPerQuery,
  refusal,
  type Open311CreatedRequest,
  type Open311Refusal,
} from '../../../src/domain/open311/spec'
import { categoryKey, markOf } from '../../../src/domain/reports/contributions'
import { caseIdFor } from '../cases/handlers/reports'
import { fileCase } from '../cases/intake'
import { storesFor, type Stores } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { keyMatches } from './secrets'
import { open311StoreOf, type Open311KeyRecord } from './store'

/** The request as CloudBase's HTTP access service hands it to a function (the fields Open311 reads). */
const httpEventSchema = z.object({
  path: z.string().default('/'),
  httpMethod: z.string(),
  headers: z.record(z.string(), z.unknown()).default({}),
  queryStringParameters: z.record(z.string(), z.unknown()).nullable().default({}),
  body: z.string().nullable().optional(),
  isBase64Encoded: z.boolean().default(false),
})

/** What the function answers the HTTP access service with (its integration response). */
export interface Open311HttpResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

/** A post is a form of a few fields: anything near this is no post of the spec's. */
const maxBodyBytes = 64 * 1024
/** Reads of a window in batches of the spec's volume, at most this many (see README, "Open311"). */
const maxWindowBatches = 3
/** An `Idempotency-Key` header: printable ASCII, as the IETF draft's examples. */
const idempotencyKeyPattern = /^[\x21-\x7e]{1,128}$/

function answer(statusCode: number, body: unknown, extra: Record<string, string> = {}): Open311HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  }
}

/** Every refusal is logged with its reason (the function's log is the record of them) and nothing is written. */
function refused(refusalOf: Open311Refusal, method: string, path: string): Open311HttpResponse {
  console.warn(
    JSON.stringify({ open311: 'refused', status: refusalOf.status, reason: refusalOf.reason, method, path }),
  )
  return answer(refusalOf.status, errorBody(refusalOf))
}

type Route =
  | { resource: 'services' }
  | { resource: 'service'; code: string }
  | { resource: 'requests' }
  | { resource: 'request'; id: string }

/** `…/v2/services.json`, `…/v2/services/{code}.json`, `…/v2/requests.json`, `…/v2/requests/{id}.json`. */
function routeOf(path: string): Route | Open311Refusal {
  const match = /\/v2\/(services|requests)(?:\/([^/]+?))?\.([A-Za-z]+)$/.exec(path)
  if (!match) return refusal(404, 'no-such-resource', `没有这个 Open311 资源：${path.slice(0, 200)}`)
  const [, kind, id, format] = match
  if (format !== 'json') return refusal(400, 'format-not-supported', '本接口只提供 JSON 格式（.json）')
  let name: string | undefined
  try {
    name = id === undefined ? undefined : decodeURIComponent(id)
  } catch {
    return refusal(404, 'no-such-resource', `没有这个 Open311 资源：${path.slice(0, 200)}`)
  }
  if (kind === 'services')
    return name === undefined ? { resource: 'services' } : { resource: 'service', code: name }
  return name === undefined ? { resource: 'requests' } : { resource: 'request', id: name }
}

const stringsOf = (record: Record<string, unknown> | null): Record<string, string> =>
  Object.fromEntries(
    Object.entries(record ?? {}).flatMap(([key, value]) =>
      typeof value === 'string' ? [[key, value]] : typeof value === 'number' ? [[key, String(value)]] : [],
    ),
  )

/**
 * The `open311` function: GeoReport v2 in JSON, as the HTTP access service delivers it. Reads (services, a
 * service's definition, requests, one request) need no key and show the public summary of what the public
 * may see; a POST of a request needs a registered api key and files a case with source "open311".
 */
export async function handleOpen311Event(runtime: Runtime, event: unknown): Promise<Open311HttpResponse> {
  const parsedEvent = httpEventSchema.safeParse(event)
  if (!parsedEvent.success) return refused(refusal(400, 'not-an-http-request', '请求格式不正确'), '?', '?')
  const request = parsedEvent.data
  const method = request.httpMethod.toUpperCase()
  const headers = Object.fromEntries(
    Object.entries(request.headers).flatMap(([key, value]) =>
      typeof value === 'string' ? [[key.toLowerCase(), value]] : [],
    ),
  )
  const query = stringsOf(request.queryStringParameters)
  const route = routeOf(request.path)
  if ('status' in route) return refused(route, method, request.path)
  const fail = (refusalOf: Open311Refusal) => refused(refusalOf, method, request.path)
  const reading = method === 'GET' || method === 'HEAD'
  const takes = route.resource === 'requests' ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD']
  if (!takes.includes(method))
    return fail(refusal(405, 'method-not-allowed', `该资源只接受 ${takes.join('、')} 请求`))

  const catalog = runtime.settings.categories
  const open = { 'access-control-allow-origin': '*' }
  if (route.resource === 'services') return answer(200, servicesOf(catalog), open)
  if (route.resource === 'service') {
    const definition = serviceDefinitionOf(catalog, route.code)
    if (!definition)
      return fail(refusal(404, 'unknown-service', `没有 ${route.code.slice(0, 64)} 这个服务类别`))
    return answer(200, definition, open)
  }

  const stores = storesFor(runtime)
  if (!reading) {
    const rawBody = request.body ?? ''
    const body = request.isBase64Encoded ? Buffer.from(rawBody, 'base64').toString('utf8') : rawBody
    if (Buffer.byteLength(body, 'utf8') > maxBodyBytes)
      return fail(refusal(400, 'body-too-large', '请求体过大'))
    const posted = await postRequest(runtime, stores, headers, query, body)
    return 'status' in posted ? fail(posted) : answer(200, [posted])
  }

  // A client may state its key to see what it posted while that is held for review.
  const viewerKey = query.api_key ? await activeKey(runtime, query.api_key) : null
  if (viewerKey && 'status' in viewerKey) return fail(viewerKey)
  const viewer = open311Viewer(viewerKey?._id ?? null)
  const { tree } = await stores.grids.index()
  const visible = (record: CaseRecord) => visibleThroughOpen311(record, viewer, tree)

  if (route.resource === 'request') {
    const notFound = refusal(404, 'no-such-request', `没有这个服务请求：${route.id.slice(0, 64)}`)
    if (!/^[\w-]{1,64}$/.test(route.id)) return fail(notFound)
    const record = await stores.cases.get(route.id)
    if (!record || !visible(record)) return fail(notFound)
    return answer(200, [serviceRequestOf(record, tree, catalog)], open)
  }

  const asked = parseRequestsQuery(query, runtime.now(), catalog)
  if (!asked.ok) return fail(asked)
  const found = await findRequests(stores, tree, asked.value, visible)
  return answer(
    200,
    found.map((record) => serviceRequestOf(record, tree, catalog)),
    open,
  )
}

/** The key an `api_key` names, when it is registered and not revoked; otherwise the spec's 403. */
async function activeKey(runtime: Runtime, apiKey: string): Promise<Open311KeyRecord | Open311Refusal> {
  const invalid = refusal(403, 'invalid-api-key', 'api_key 无效：请使用区级办公室登记的接入密钥')
  const keyId = keyIdOf(apiKey)
  if (!keyId) return invalid
  const key = await open311StoreOf(runtime).key(keyId)
  if (!key || !keyMatches(apiKey.trim(), key.keyHash)) return invalid
  if (key.revokedAt !== null) return refusal(403, 'revoked-api-key', 'api_key 已被撤销')
  return key
}

/**
 * The requests a query finds, newest first: by ids; or received in the window, from the boards' index on the
 * tree's roots (with the statuses, if only some), or for some services from the desk's marks of what each
 * category received each day (no index of its own on the case collection). Cases the public may not see are
 * left out, and the window is read in batches of the spec's volume until it has that many, or ends, or
 * `maxWindowBatches` were read: what is answered is then every match received after the oldest one in it.
 */
async function findRequests(
  stores: Stores,
  tree: GridTree,
  query: RequestsQuery,
  visible: (record: CaseRecord) => boolean,
): Promise<CaseRecord[]> {
  if (query.kind === 'ids') {
    const byId = await stores.cases.getMany(query.ids)
    return [...byId.values()]
      .filter(visible)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b._id.localeCompare(a._id))
  }
  const all = tree.all()
  const window = { from: query.from, to: query.to }
  const statuses = new Set(query.statuses.flatMap((status) => caseStatusesOf(status)))
  let read: (skip: number, limit: number) => Promise<CaseRecord[]>
  if (query.serviceCodes.length === 0) {
    const roots = all.filter((node) => node.parentId === null).map((node) => node._id)
    if (roots.length === 0) return []
    read = (skip, limit) =>
      stores.cases.receivedBetween({ gridIds: roots, statuses: [...statuses], ...window }, skip, limit)
  } else {
    const districts = all.filter((node) => node.level === 'district').map((node) => node._id)
    const days = beijingDaysOf(query.from, query.to)
    const marks = districts.flatMap((district) =>
      query.serviceCodes.flatMap((code) => days.map((day) => markOf(district, categoryKey(code), day))),
    )
    if (marks.length === 0) return []
    read = (skip, limit) => stores.cases.markedBetween(marks, window, skip, limit)
  }
  const found: CaseRecord[] = []
  for (let batch = 0; batch < maxWindowBatches && found.length < maxRequestsPerQuery; batch += 1) {
    const rows = await read(batch * maxRequestsPerQuery, maxRequestsPerQuery)
    for (const record of rows) {
      if (statuses.size > 0 && !statuses.has(record.status)) continue
      if (visible(record)) found.push(record)
    }
    if (rows.length < maxRequestsPerQuery) break
  }
  return found.slice(0, maxRequestsPerQuery)
}

/** A form body (the spec's) or a JSON object, as fields and `attribute[code]` answers. */
function postedFields(
  contentType: string,
  body: string,
): { fields: Record<string, string>; attributes: Record<string, string | string[]> } | null {
  const fields: Record<string, string> = {}
  const attributes: Record<string, string | string[]> = {}
  const addAttribute = (code: string, value: string, many: boolean) => {
    const before = attributes[code]
    if (before === undefined) attributes[code] = many ? [value] : value
    else attributes[code] = [...(Array.isArray(before) ? before : [before]), value]
  }
  if (contentType.includes('application/json')) {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch {
      return null
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return null
    for (const [key, value] of Object.entries(json)) {
      if (key === 'attribute' && typeof value === 'object' && value !== null) {
        for (const [code, answered] of Object.entries(value)) {
          if (Array.isArray(answered)) answered.forEach((each) => addAttribute(code, String(each), true))
          else if (typeof answered === 'string' || typeof answered === 'number')
            addAttribute(code, String(answered), false)
        }
      } else if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value)
    }
    return { fields, attributes }
  }
  for (const [key, value] of new URLSearchParams(body)) {
    const attribute = /^attribute\[([^\]]+)\](\[\])?$/.exec(key)
    if (attribute) addAttribute(attribute[1]!, value, attribute[2] !== undefined)
    else fields[key] ??= value
  }
  return { fields, attributes }
}

/**
 * POST requests: the key first (403 without a registered, unrevoked one), then the post's fields, then the
 * place (in a grid of ours); only then is anything written: the case, filed like a complaint-line call, with
 * source "open311", attributed to the key's owner, and held for staff review before the public sees it (no
 * content check can be run on an outside app's words). A retried post finds the first case: the case id comes
 * from the key and the `Idempotency-Key` header, or without one from everything the post says.
 */
async function postRequest(
  runtime: Runtime,
  stores: Stores,
  headers: Record<string, string>,
  query: Record<string, string>,
  body: string,
): Promise<Open311CreatedRequest | Open311Refusal> {
  const read = postedFields(headers['content-type'] ?? '', body)
  if (!read) return refusal(400, 'invalid-body', '请求体不是有效的表单或 JSON 对象')
  const apiKey = read.fields.api_key ?? query.api_key
  if (!apiKey)
    return refusal(403, 'missing-api-key', '缺少 api_key：提交服务请求需要区级办公室登记的接入密钥')
  const key = await activeKey(runtime, apiKey)
  if ('status' in key) return key
  const idempotencyKey = headers['idempotency-key']?.trim()
  if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey))
    return refusal(400, 'invalid-idempotency-key', 'Idempotency-Key 须为1到128个可打印 ASCII 字符')

  const parsed = parseServiceRequestPost(read.fields, read.attributes, runtime.settings.categories)
  if (!parsed.ok) return parsed
  const post = parsed.value
  const { tree, locator } = await stores.grids.index()
  const grid = locator.locate(post.location)
  if (!grid) return refusal(400, 'outside-service-area', 'lat/long 不在任何网格内：该位置不在服务范围内')

  const material = idempotencyKey
    ? `key:${idempotencyKey}`
    : `post:${createHash('sha256').update(postFingerprintOf(post)).digest('hex')}`
  const reporterId = open311ReporterId(key._id)
  const caseId = caseIdFor(reporterId, material)
  const now = runtime.now()
  const { record, inserted } = await fileCase(runtime, stores, {
    intake: {
      channel: 'open311',
      categoryId: post.serviceCode,
      checkId: post.checkId,
      description: post.description,
      photos: [],
      location: post.location,
      accuracyMeters: null,
      address: post.address,
      // The app's user has no account here: their name and contact stay with the handling staff.
      anonymous: true,
      major: false,
      reporter: { id: reporterId, nickname: key.name, isPerson: false },
      requestKey: `${reporterId}:${material}`,
      ...(post.contact ? { callerContact: post.contact } : {}),
    },
    actor: key.owner,
    caseId,
    grid,
    now,
    // No content check can be run on an outside app's words: held like a text WeChat could not check.
    screening: openScreening('unchecked', []),
  })
  const filed = inserted ? record : await stores.cases.get(caseId)
  if (!filed) return refusal(400, 'not-filed', '服务请求未能受理，请稍后重试')
  const notice = [
    `已受理，编号 ${filed.caseNo}，转办至${tree.label(filed.gridId)}`,
    '内容经工作人员复核后公开',
    ...(post.mediaUrlIgnored ? ['media_url 未采用'] : []),
  ].join('；')
  return { service_request_id: filed._id, service_notice: `${notice}。`, account_id: null }
}
