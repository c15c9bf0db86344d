import type { ActionInput, ActionName, ActionOutput } from '@/domain/contract'
import { call, type ApiError } from '@/services/api'
import { useRequest } from './use-request'

export interface ActionState<A extends ActionName> {
  /** Runs the action; resolves with its output or rejects with an ApiError (also kept in `error`). */
  run: (payload: ActionInput<A>) => Promise<ActionOutput<A>>
  running: boolean
  error: ApiError | undefined
  reset: () => void
}

/** A write action started by the user (submit, claim): tracks running and the last error. */
export function useAction<A extends ActionName>(action: A): ActionState<A> {
  const request = useRequest((payload: ActionInput<A>) => call(action, payload))
  return { run: request.run, running: request.loading, error: request.error, reset: request.clearError }
}
