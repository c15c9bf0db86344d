import type { ActionName, ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import type { HandlerContext } from '../context'
import { listBoard } from './board'
import { claimCase, getCase, myCases, submitCase } from './cases'
import { getMe } from './me'

type Handlers = {
  [A in ActionName]: (ctx: HandlerContext, input: ActionParsedInput<A>) => Promise<ActionOutput<A>>
}

/** Every action in the contract has exactly one handler; the type makes a missing one a compile error. */
export const actionHandlers: Handlers = {
  'me.get': (ctx) => getMe(ctx),
  'case.submit': submitCase,
  'case.get': getCase,
  'case.mine': myCases,
  'case.claim': claimCase,
  'board.list': listBoard,
}
