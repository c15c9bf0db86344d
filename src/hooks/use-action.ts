import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionInput, ActionName, ActionOutput } from '@/domain/contract'
import { call, type ApiError } from '@/services/api'
import { toApiError } from './errors'

export interface ActionState<A extends ActionName> {
  /** Runs the action; resolves with its output or rejects with an ApiError (also kept in `error`). */
  run: (payload: ActionInput<A>) => Promise<ActionOutput<A>>
  running: boolean
  error: ApiError | undefined
  reset: () => void
}

/** A write action started by the user (submit, claim): tracks running and the last error. */
export function useAction<A extends ActionName>(action: A): ActionState<A> {
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    async (payload: ActionInput<A>) => {
      setRunning(true)
      setError(undefined)
      try {
        return await call(action, payload)
      } catch (thrown) {
        const apiError = toApiError(thrown)
        if (mounted.current) setError(apiError)
        throw apiError
      } finally {
        if (mounted.current) setRunning(false)
      }
    },
    [action],
  )

  const reset = useCallback(() => setError(undefined), [])
  return { run, running, error, reset }
}
