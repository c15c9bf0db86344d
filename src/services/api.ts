import type { ActionInput, ActionName, ActionOutput } from '@/domain/contract'
import { actionInputs } from '@/domain/inputs'
import { describeIssues } from '@/domain/shared/contract-kit'
import { errorMessages, type AppErrorBody, type ErrorCode } from '@/domain/shared/errors'
import { callFunction, photoUrl as uploadUrl, uploadPhoto as uploadFile } from '@/platform/cloud'
import type { ProgressListener } from '@/platform/types'

/** The one typed client: every page and hook reaches the cloud through `call` and `uploadPhoto` only. */

export type ApiErrorCode = ErrorCode | 'network'

export const networkErrorMessage = '网络异常，请检查网络后重试'

export class ApiError extends Error {
  readonly code: ApiErrorCode
  /** Field-level problems in Chinese, keyed by dotted field path (e.g. `location.lng`). */
  readonly fields?: Record<string, string>
  readonly details?: Record<string, unknown>

  constructor(
    code: ApiErrorCode,
    message: string,
    extra: { fields?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message)
    // Builds that compile classes to ES5 lose the prototype of Error subclasses; restore it for instanceof.
    Object.setPrototypeOf(this, ApiError.prototype)
    this.name = 'ApiError'
    this.code = code
    this.fields = extra.fields
    this.details = extra.details
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError || (error instanceof Error && error.name === 'ApiError' && 'code' in error)
}

/** A message fit to show to people for any thrown value. */
export function messageOf(error: unknown): string {
  if (isApiError(error)) return error.message
  return errorMessages.internal
}

const knownCodes = new Set<string>(Object.keys(errorMessages))

function isEnvelope(
  value: unknown,
): value is { ok: true; data: unknown } | { ok: false; error: AppErrorBody } {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  const envelope = value as { ok: unknown; error?: unknown }
  if (envelope.ok === true) return 'data' in envelope
  return envelope.ok === false && typeof envelope.error === 'object' && envelope.error !== null
}

function errorFromBody(body: AppErrorBody): ApiError {
  const code: ApiErrorCode = knownCodes.has(body.code) ? body.code : 'internal'
  const message =
    typeof body.message === 'string' && body.message ? body.message : errorMessages[code as ErrorCode]
  return new ApiError(code, message, { fields: body.fields, details: body.details })
}

/**
 * Validates the payload with the contract's input schema (so forms get Chinese field messages without a
 * round trip), sends `{ action, payload }` to the `api` function and unwraps its envelope.
 * Throws ApiError: the server's code and message, `invalid-input` with `fields`, or `network`.
 */
export async function call<A extends ActionName>(
  action: A,
  payload: ActionInput<A>,
): Promise<ActionOutput<A>> {
  const schema = actionInputs[action]
  const parsed = schema.safeParse(payload)
  if (!parsed.success) {
    throw new ApiError('invalid-input', errorMessages['invalid-input'], {
      fields: describeIssues(parsed.error),
    })
  }

  let result: unknown
  try {
    result = await callFunction('api', { action, payload: parsed.data })
  } catch {
    throw new ApiError('network', networkErrorMessage)
  }

  if (!isEnvelope(result)) throw new ApiError('internal', errorMessages.internal)
  if (!result.ok) throw errorFromBody(result.error)
  return result.data as ActionOutput<A>
}

let uploadFolder: Promise<string> | undefined

/**
 * Stores one photo the way reports take it: uploaded into the caller's own folder, then registered, which
 * takes its metadata out on the server (or refuses it, in Chinese). Resolves with the upload's fileID, which
 * forms send; throws ApiError or the platform's upload error.
 */
export async function uploadPhoto(localPath: string, onProgress?: ProgressListener): Promise<string> {
  uploadFolder ??= call('photo.prepare', {}).then(
    (answer) => answer.prefix,
    (error: unknown) => {
      uploadFolder = undefined
      throw error
    },
  )
  const prefix = await uploadFolder
  const fileID = await uploadFile(localPath, { prefix }, (percent) => onProgress?.(Math.min(95, percent)))
  await call('photo.register', { fileID })
  onProgress?.(100)
  return fileID
}

/**
 * A URL the Image component can show: answers carry temporary URLs already; a form's own uploads are
 * fileIDs, which their uploader may load.
 */
export function photoUrl(photo: string): string {
  return photo.startsWith('cloud://') ? uploadUrl(photo) : photo
}
