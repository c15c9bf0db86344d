import { z } from '../shared/zod'
import { pageInput } from '../shared/contract-kit'
import { periodKinds, rankLists, rankScopes } from './points'

/** The input schemas of the rewards context's actions (the client's; the answers are in ./contract). */

export const periodKindSchema = z.enum(periodKinds, { error: '请选择月度、季度或年度' })
export const rankListSchema = z.enum(rankLists, { error: '请选择榜单' })
const periodKeySchema = z
  .string({ error: '请选择评选周期' })
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { error: '周期格式不正确，例如 2026-11、2026-Q4 或 2026' })

export const rewardsInputs = {
  'points.mine': z.object(pageInput),
  'points.ledger': z.object({
    openid: z.string({ error: '请指定要查看的人' }).min(1, { error: '请指定要查看的人' }).max(128),
    ...pageInput,
  }),
  'points.leaderboard': z.object({
    kind: periodKindSchema.default('month'),
    /** Defaults to the current period of `kind`. */
    period: periodKeySchema.optional(),
    /** Defaults to the caller's own list (the public list for people in none). */
    list: rankListSchema.optional(),
    scope: z.enum(rankScopes, { error: '请选择排名范围' }).default('all'),
    /** District or street grid id; defaults to the caller's own. */
    scopeId: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  }),
  'award.draft': z
    .object({
      kind: periodKindSchema,
      period: periodKeySchema,
      list: rankListSchema.default('public'),
      /** People the office leaves out after review (e.g. suspected of gaming); the next in line move up. */
      exclude: z.array(z.string().min(1).max(128)).max(20, { error: '一次最多排除20人' }).default([]),
      /** The review's note: required when anyone is left out, as the reason, kept with the draft's history. */
      note: z.string().trim().max(200, { error: '审核意见不能超过200字' }).default(''),
    })
    .refine((input) => input.exclude.length === 0 || input.note.length > 0, {
      error: '排除人员时请写明排除原因',
      path: ['note'],
    }),
  'award.publish': z.object({
    awardId: z.string({ error: '缺少评选编号' }).min(1, { error: '缺少评选编号' }).max(200),
  }),
  'award.list': z.object({
    status: z.enum(['published', 'draft', 'all'], { error: '状态无效' }).default('published'),
    kind: periodKindSchema.optional(),
    ...pageInput,
  }),
} as const
