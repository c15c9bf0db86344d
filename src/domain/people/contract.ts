import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { gridRefSchema } from '../grid/contract'
import { districtUnitSchema, roleSchema } from './roles'
import { inviteStatuses } from './onboarding'
import { peopleInputs } from './inputs'

export * from './inputs'

export const meViewSchema = z.object({
  nickname: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  districtUnit: districtUnitSchema.optional(),
  grids: z.array(gridRefSchema),
  points: z.number().int(),
})

/** An invite as the office sees it; the code itself is shown only once, when it is created. */
export const inviteViewSchema = z.object({
  id: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  districtUnit: districtUnitSchema.optional(),
  grid: gridRefSchema,
  name: z.string(),
  state: z.enum([...inviteStatuses, 'expired']),
  stateLabel: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Who joined with it, and when. */
  usedBy: z.object({ openid: z.string(), nickname: z.string() }).nullable(),
  usedAt: z.string().nullable(),
})
export type InviteView = z.infer<typeof inviteViewSchema>

export const staffViewSchema = z.object({
  /** The person's account id (their openid), as paged lists key their items. */
  id: z.string(),
  openid: z.string(),
  nickname: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  districtUnit: districtUnitSchema.optional(),
  grids: z.array(gridRefSchema),
})
export type StaffView = z.infer<typeof staffViewSchema>

/** What an invitee sees before accepting: the role and the grid, not who else was invited. */
const invitePreviewSchema = z.object({
  role: roleSchema,
  roleLabel: z.string(),
  districtUnit: districtUnitSchema.optional(),
  grid: gridRefSchema,
  name: z.string(),
  state: z.enum([...inviteStatuses, 'expired']),
  stateLabel: z.string(),
  expiresAt: z.string(),
  /** True when the caller is the one who redeemed it. */
  mine: z.boolean(),
})

const standingOutput = z.object({ me: meViewSchema, replayed: z.boolean() })

/** The people context's actions: who am I, and how a district's staff join and are managed (onboarding). */
export const peopleActions = {
  'me.get': { input: peopleInputs['me.get'], output: meViewSchema },
  /** For the office's form: the roles it may hand out and the grids of its district. */
  'invite.options': {
    input: peopleInputs['invite.options'],
    output: z.object({
      district: gridRefSchema,
      roles: z.array(z.object({ role: roleSchema, label: z.string() })),
      grids: z.array(gridRefSchema),
      validDays: z.number().int(),
    }),
  },
  'invite.create': {
    input: peopleInputs['invite.create'],
    output: z.object({
      invite: inviteViewSchema,
      /** Shown once: share it now (or its QR); only its hash is kept. */
      code: z.string(),
      /** The mini-program page with the code, for a QR code (e.g. wxacode.get's `path`). */
      path: z.string(),
      /**
       * The invite as an image to show or print, a PNG data URL: WeChat's mini-program code of the join page
       * (wxacode.getUnlimited) where WeChat makes one, otherwise a QR code of `path`.
       */
      qr: z.string(),
    }),
  },
  'invite.list': { input: peopleInputs['invite.list'], output: pageOf(inviteViewSchema) },
  'invite.revoke': { input: peopleInputs['invite.revoke'], output: z.object({ invite: inviteViewSchema }) },
  'invite.preview': { input: peopleInputs['invite.preview'], output: invitePreviewSchema },
  'invite.redeem': { input: peopleInputs['invite.redeem'], output: standingOutput },
  'staff.list': { input: peopleInputs['staff.list'], output: pageOf(staffViewSchema) },
  'staff.revokeRole': {
    input: peopleInputs['staff.revokeRole'],
    output: z.object({ staff: staffViewSchema }),
  },
  'staff.move': {
    input: peopleInputs['staff.move'],
    output: z.object({ staff: staffViewSchema, changed: z.boolean() }),
  },
  /** The first district office account, with the one-time code from deploy configuration. */
  'bootstrap.claim': { input: peopleInputs['bootstrap.claim'], output: standingOutput },
} as const
