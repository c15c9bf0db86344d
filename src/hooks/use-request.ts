import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiError } from '@/services/api'
import { toApiError } from './errors'

export interface RequestState<T, Args extends unknown[]> {
  data: T | undefined
  error: ApiError | undefined
  loading: boolean
  /**
   * Sends the request; resolves with its answer or rejects with an ApiError. Only the latest run's outcome
   * reaches `data` / `error` / `loading` (and `onData`), so a slow answer never overwrites a newer one.
   */
  run: (...args: Args) => Promise<T>
  /** Runs the last request again with the same arguments (for a request without arguments: runs it). */
  retry: () => Promise<T>
  setData: (update: (previous: T | undefined) => T | undefined) => void
  /** Clears the error. */
  clearError: () => void
  /** Forgets any run in flight (its answer and error are dropped) and stops loading. */
  cancel: () => void
  /** Stops showing loading without dropping a run in flight, e.g. for a query that was switched off. */
  idle: () => void
}

export interface RequestOptions<T, Args extends unknown[]> {
  initiallyLoading?: boolean
  /** Called with the latest run's answer, before `data` changes: for state kept beside the answer. */
  onData?: (answer: T, args: Args) => void
}

/** The request state every read and write hook shares: loading, error, data, retry, latest answer wins. */
export function useRequest<T, Args extends unknown[] = []>(
  request: (...args: Args) => Promise<T>,
  options: RequestOptions<T, Args> = {},
): RequestState<T, Args> {
  const [data, setDataState] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [loading, setLoading] = useState(options.initiallyLoading ?? false)
  const requestRef = useRef(request)
  requestRef.current = request
  const onDataRef = useRef(options.onData)
  onDataRef.current = options.onData
  const lastArgs = useRef<Args>([] as unknown as Args)
  const sequence = useRef(0)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(async (...args: Args) => {
    const id = ++sequence.current
    lastArgs.current = args
    const current = () => mounted.current && id === sequence.current
    setLoading(true)
    setError(undefined)
    try {
      const answer = await requestRef.current(...args)
      if (current()) {
        onDataRef.current?.(answer, args)
        setDataState(() => answer)
      }
      return answer
    } catch (thrown) {
      const apiError = toApiError(thrown)
      if (current()) setError(apiError)
      throw apiError
    } finally {
      if (current()) setLoading(false)
    }
  }, [])

  const retry = useCallback(() => run(...lastArgs.current), [run])
  const setData = useCallback((update: (previous: T | undefined) => T | undefined) => {
    setDataState((previous) => update(previous))
  }, [])
  const clearError = useCallback(() => setError(undefined), [])
  const cancel = useCallback(() => {
    sequence.current++
    setError(undefined)
    setLoading(false)
  }, [])
  const idle = useCallback(() => setLoading(false), [])

  return { data, error, loading, run, retry, setData, clearError, cancel, idle }
}
