import { z } from '../shared/zod'
import { pageInput, pageOf } from '../shared/contract-kit'
import { gridRefSchema } from '../grid/contract'
import { districtUnitSchema, roleSchema } from './roles'
import { inviteCodeSchema, invitableRoles, inviteStatuses } from './onboarding'

export const meViewSchema = z.object({
  nickname: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  districtUnit: districtUnitSchema.optional(),
  grids: z.array(gridRefSchema),
  points: z.number().int(),
})

const invitableRoleSchema = z.enum(invitableRoles, { error: '请选择角色' })
const gridIdSchema = z.string({ error: '请选择网格' }).min(1, { error: '请选择网格' }).max(64)
const openidSchema = z.string({ error: '请选择人员' }).min(1, { error: '请选择人员' }).max(128)
const inviteIdSchema = z.string({ error: '请选择邀请' }).regex(/^[0-9a-f]{64}$/, { error: '邀请编号无效' })

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
  'me.get': { input: z.object({}).default({}), output: meViewSchema },
  /** For the office's form: the roles it may hand out and the grids of its district. */
  'invite.options': {
    input: z.object({}).default({}),
    output: z.object({
      district: gridRefSchema,
      roles: z.array(z.object({ role: roleSchema, label: z.string() })),
      grids: z.array(gridRefSchema),
      validDays: z.number().int(),
    }),
  },
  'invite.create': {
    input: z.object({
      role: invitableRoleSchema,
      gridId: gridIdSchema,
      districtUnit: districtUnitSchema.optional(),
      name: z.string().trim().max(20, { error: '称呼不能超过20字' }).default(''),
      validDays: z
        .number({ error: '请填写有效天数' })
        .int({ error: '有效天数须为整数' })
        .min(1, { error: '有效期至少1天' })
        .max(30, { error: '有效期最长30天' })
        .optional(),
    }),
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
  'invite.list': {
    input: z.object({ status: z.enum(inviteStatuses).optional(), ...pageInput }),
    output: pageOf(inviteViewSchema),
  },
  'invite.revoke': {
    input: z.object({ inviteId: inviteIdSchema }),
    output: z.object({ invite: inviteViewSchema }),
  },
  'invite.preview': { input: z.object({ code: inviteCodeSchema }), output: invitePreviewSchema },
  'invite.redeem': { input: z.object({ code: inviteCodeSchema }), output: standingOutput },
  'staff.list': {
    input: z.object({ role: roleSchema.optional(), ...pageInput }),
    output: pageOf(staffViewSchema),
  },
  'staff.revokeRole': {
    input: z.object({ openid: openidSchema }),
    output: z.object({ staff: staffViewSchema }),
  },
  'staff.move': {
    input: z.object({ openid: openidSchema, gridId: gridIdSchema }),
    output: z.object({ staff: staffViewSchema, changed: z.boolean() }),
  },
  /** The first district office account, with the one-time code from deploy configuration. */
  'bootstrap.claim': {
    input: z.object({
      code: z.string({ error: '请输入初始化码' }).trim().min(1, { error: '请输入初始化码' }).max(64),
      districtId: z.string().min(1).max(64).optional(),
      districtUnit: districtUnitSchema.default('air_office'),
      name: z.string().trim().max(20, { error: '称呼不能超过20字' }).default(''),
    }),
    output: standingOutput,
  },
} as const
