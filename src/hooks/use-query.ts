import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionInput, ActionName, ActionOutput } from '@/domain/contract'
import { call, type ApiError } from '@/services/api'
import { toApiError } from './errors'

export interface QueryState<T> {
  data: T | undefined
  error: ApiError | undefined
  /** True while a request is in flight (also during a reload that keeps the previous data). */
  loading: boolean
  reload: () => Promise<void>
  /** Replaces the data locally, e.g. with the case a claim returned. */
  setData: (update: (previous: T | undefined) => T | undefined) => void
}

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
  const sequence = useRef(0)
  const mounted = useRef(true)
  const [data, setDataState] = useState<ActionOutput<A> | undefined>(undefined)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const [loading, setLoading] = useState(enabled)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const reload = useCallback(async () => {
    const id = ++sequence.current
    setLoading(true)
    setError(undefined)
    try {
      const result = await call(action, payloadRef.current)
      if (!mounted.current || id !== sequence.current) return
      setDataState(() => result)
    } catch (thrown) {
      if (!mounted.current || id !== sequence.current) return
      setError(toApiError(thrown))
    } finally {
      if (mounted.current && id === sequence.current) setLoading(false)
    }
    // `key` stands for the payload's value; the payload itself is read through the ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action, key])

  useEffect(() => {
    if (enabled) void reload()
    else setLoading(false)
  }, [enabled, reload])

  const setData = useCallback(
    (update: (previous: ActionOutput<A> | undefined) => ActionOutput<A> | undefined) => {
      setDataState((previous) => update(previous))
    },
    [],
  )

  return { data, error, loading, reload, setData }
}
