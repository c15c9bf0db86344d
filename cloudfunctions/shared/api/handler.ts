import type { ActionName, ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import type { HandlerContext } from '../runtime/context'

export type ActionHandler<A extends ActionName> = (
  ctx: HandlerContext,
  input: ActionParsedInput<A>,
) => Promise<ActionOutput<A>>

/** A context's handlers: exactly one for each of the actions it owns. */
export type HandlerMap<A extends ActionName> = { [K in A]: ActionHandler<K> }
