import type { peopleActions } from '../../../src/domain/people/contract'
import type { HandlerMap } from '../api/handler'
import { peopleSchema } from './collections'
import { getMe } from './handlers'

const handlers: HandlerMap<keyof typeof peopleActions> = {
  'me.get': (ctx) => getMe(ctx),
}

/** Who is calling: accounts, roles and the grids they work in. */
export const peopleContext = { name: 'people', handlers, jobs: [], ...peopleSchema }
