import { errorMessages } from '@/domain/shared/errors'
import { ApiError, isApiError } from '@/services/api'

/** Anything thrown, as an ApiError the UI can show. */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error
  return new ApiError('internal', errorMessages.internal)
}
