import type { peopleActions } from '../../../src/domain/people/contract'
import type { HandlerMap } from '../api/handler'
import { peopleSchema } from './collections'
import { getMe } from './handlers'
import {
  claimBootstrap,
  createInvite,
  inviteOptions,
  listInvites,
  listStaff,
  moveStaff,
  previewInvite,
  redeemInvite,
  revokeInvite,
  revokeRole,
} from './onboarding'

const handlers: HandlerMap<keyof typeof peopleActions> = {
  'me.get': (ctx) => getMe(ctx),
  'invite.options': (ctx) => inviteOptions(ctx),
  'invite.create': createInvite,
  'invite.list': listInvites,
  'invite.revoke': revokeInvite,
  'invite.preview': previewInvite,
  'invite.redeem': redeemInvite,
  'staff.list': listStaff,
  'staff.revokeRole': revokeRole,
  'staff.move': moveStaff,
  'bootstrap.claim': claimBootstrap,
}

/** Who is calling: accounts, roles and the grids they work in; how a district's staff join (onboarding). */
export const peopleContext = { name: 'people', handlers, jobs: [], ...peopleSchema }
