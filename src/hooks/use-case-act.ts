import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionInput, ActionName, ActionOutput } from '@/domain/contract'
import { call } from '@/services/api'
import { toApiError } from './errors'

/** Runs one of several write actions chosen at run time (the handling page's acts); tracks running. */
export function useCaseAct() {
  const [running, setRunning] = useState(false)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    async <A extends ActionName>(action: A, payload: ActionInput<A>): Promise<ActionOutput<A>> => {
      setRunning(true)
      try {
        return await call(action, payload)
      } catch (thrown) {
        throw toApiError(thrown)
      } finally {
        if (mounted.current) setRunning(false)
      }
    },
    [],
  )

  return { run, running }
}
