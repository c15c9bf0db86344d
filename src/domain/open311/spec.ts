import { z } from '../shared/zod'

/**
 * Open311 GeoReport v2 as BlueGrid serves it, JSON only (the spec's XML is not offered): the shapes of its
 * answers and the limits it sets. Field names are the spec's (snake_case), not ours.
 */

/** When neither date is given, GET requests covers the most recent 90 days; a stated range may not span more. */
export const requestWindowDays = 90
/** The spec's default volume: the first 1000 requests of the window, whichever limit comes first. */
export const maxRequestsPerQuery = 1000
/** The spec's limit on a request's description. */
export const maxDescriptionLength = 4000
/** How many ids one GET requests may name in `service_request_id` (a comma list). */
export const maxRequestIdsPerQuery = 100
/** The one attribute our services define: which check (具体问题) of the category it is. */
export const checkAttributeCode = 'check'

/** GET services: one service type. */
export const serviceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
})
export type Open311Service = z.infer<typeof serviceSchema>

/** GET services/{code}: its attributes (the form fields a POST answers as `attribute[code]`). */
export const serviceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string().nullable(),
      order: z.number().int().positive(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  ),
})
export type Open311ServiceDefinition = z.infer<typeof serviceDefinitionSchema>

export const requestStatuses = ['open', 'closed'] as const
export type Open311Status = (typeof requestStatuses)[number]

/** GET requests and GET requests/{id}: one service request, as the public may see it. */
export const serviceRequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(requestStatuses),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number(),
  long: z.number(),
  media_url: z.string().nullable(),
})
export type Open311ServiceRequest = z.infer<typeof serviceRequestSchema>

/** POST requests: what a created request answers (realtime: the id at once, no token). */
export const createdRequestSchema = z.object({
  service_request_id: z.string(),
  service_notice: z.string().nullable(),
  account_id: z.string().nullable(),
})
export type Open311CreatedRequest = z.infer<typeof createdRequestSchema>

/** The spec's error: an array of `{code, description}`; the code is the HTTP status here. */
export const errorSchema = z.array(z.object({ code: z.number().int(), description: z.string() })).min(1)

/**
 * Why an Open311 call was refused: the HTTP status the spec asks for (404 what does not exist, 403 a missing or
 * bad api_key, 400 anything else; 405 a method a resource does not take), a kebab reason for the log, and the
 * description the caller reads, naming the parameter.
 */
export interface Open311Refusal {
  status: 400 | 403 | 404 | 405
  reason: string
  description: string
}

export const refusal = (
  status: Open311Refusal['status'],
  reason: string,
  description: string,
): Open311Refusal => ({ status, reason, description })

/** The body of a refusal, in the spec's error format. */
export function errorBody(refused: Open311Refusal): z.infer<typeof errorSchema> {
  return [{ code: refused.status, description: refused.description }]
}
