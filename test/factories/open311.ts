import { handleOpen311Event } from '../../cloudfunctions/shared/app'
import { gcj02ToWgs84 } from '../../src/domain/open311/coordinates'
import type { Gcj02Point } from '../../src/domain/shared/geo'
import type { Runtime } from '../../cloudfunctions/shared/runtime/runtime'

/** A request to the open311 function as CloudBase's HTTP access service hands it over (path /open311). */
export function open311Event(
  method: string,
  resource: string,
  options: { query?: Record<string, string>; body?: string; headers?: Record<string, string> } = {},
) {
  return {
    path: `/open311/v2/${resource}`,
    httpMethod: method,
    headers: { host: 'bluegrid-local.service.tcloudbase.com', ...options.headers },
    queryStringParameters: options.query ?? {},
    body: options.body ?? '',
    isBase64Encoded: false,
    requestContext: { appId: '1250000000', envId: 'bluegrid-local', requestId: 'open311-request' },
  }
}

/** A POST requests as the spec sends it: a form, `attribute[code]` for the service's attributes. */
export function formPost(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return open311Event('POST', 'requests.json', {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  })
}

/** The WGS-84 `lat` and `long` of one of our GCJ-02 points, as an Open311 client would send them. */
export function wgsFieldsOf(point: Gcj02Point): { lat: string; long: string } {
  const wgs = gcj02ToWgs84(point)
  return { lat: wgs.lat.toFixed(7), long: wgs.long.toFixed(7) }
}

/** Calls the function's handler and reads its JSON answer. */
export async function callOpen311(runtime: Runtime, event: unknown) {
  const response = await handleOpen311Event(runtime, event)
  return {
    status: response.statusCode,
    headers: response.headers,
    json: JSON.parse(response.body) as unknown,
  }
}
