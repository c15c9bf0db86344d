import { z } from '../shared/zod'
import { pageInput } from '../shared/contract-kit'
import { districtUnitSchema, roleSchema } from './roles'
import { inviteCodeSchema, invitableRoles, inviteStatuses } from './onboarding'

/** The input schemas of the people context's actions (the client's; the answers are in ./contract). */

const invitableRoleSchema = z.enum(invitableRoles, { error: '请选择角色' })
const gridIdSchema = z.string({ error: '请选择网格' }).min(1, { error: '请选择网格' }).max(64)
const openidSchema = z.string({ error: '请选择人员' }).min(1, { error: '请选择人员' }).max(128)
const inviteIdSchema = z.string({ error: '请选择邀请' }).regex(/^[0-9a-f]{64}$/, { error: '邀请编号无效' })

export const peopleInputs = {
  'me.get': z.object({}).default({}),
  'invite.options': z.object({}).default({}),
  'invite.create': z.object({
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
  'invite.list': z.object({ status: z.enum(inviteStatuses).optional(), ...pageInput }),
  'invite.revoke': z.object({ inviteId: inviteIdSchema }),
  'invite.preview': z.object({ code: inviteCodeSchema }),
  'invite.redeem': z.object({ code: inviteCodeSchema }),
  'staff.list': z.object({ role: roleSchema.optional(), ...pageInput }),
  'staff.revokeRole': z.object({ openid: openidSchema }),
  'staff.move': z.object({ openid: openidSchema, gridId: gridIdSchema }),
  'bootstrap.claim': z.object({
    code: z.string({ error: '请输入初始化码' }).trim().min(1, { error: '请输入初始化码' }).max(64),
    districtId: z.string().min(1).max(64).optional(),
    districtUnit: districtUnitSchema.default('air_office'),
    name: z.string().trim().max(20, { error: '称呼不能超过20字' }).default(''),
  }),
} as const
