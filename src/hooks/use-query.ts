import { useCallback, useEffect, useRef } from 'react'
import type { ActionInput, ActionName, ActionOutput } from '@/domain/contract'
import { call, type ApiError } from '@/services/api'
import { useRequest } from './use-request'

export interface QueryState<T> {
  data: T | undefined
  error: ApiError | undefined
  /** True while a request is in flight (also during a reload that keeps the previous data). */
  loading: boolean
  /** Asks again (the retry after an error, a pull-down refresh); never rejects, the error lands in `error`. */
  reload: () => Promise<void>
  /** Replaces the data locally, e.g. with the case a claim returned. */
  setData: (update: (previous: T | undefined) => T | undefined) => void
}

const ignore = () => undefined

/**
 * Runs a read action when the component mounts and whenever the payload changes (compared by value).
 * Answers that arrive after a newer request started are dropped, so a slow reply never overwrites a new one.
 */
export function useQuery<A extends ActionName>(
  action: A,
  payload: ActionInput<A>,
  options: { enabled?: boolean } = {},
): QueryState<ActionOutput<A>> {
  const enabled = options.enabled ?? true
  const key = JSON.stringify(payload ?? null)
  const payloadRef = useRef(payload)
  payloadRef.current = payload
  const request = useRequest(() => call(action, payloadRef.current), { initiallyLoading: enabled })
  const { retry, idle } = request

  const reload = useCallback(() => retry().then(ignore, ignore), [retry])

  useEffect(() => {
    if (enabled) void reload()
    else idle()
    // `key` stands for the payload's value; the payload itself is read through the ref.
  }, [enabled, action, key, reload, idle])

  return {
    data: request.data,
    error: request.error,
    loading: request.loading,
    reload,
    setData: request.setData,
  }
}
