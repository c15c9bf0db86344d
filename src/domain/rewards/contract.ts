import { z } from '../shared/zod'
import { pageInput, pageOf } from '../shared/contract-kit'
import { awardStatuses, periodKinds, pointsReasons, rankLists, rankScopes } from './points'

const periodKindSchema = z.enum(periodKinds, { error: '请选择月度、季度或年度' })
const rankListSchema = z.enum(rankLists, { error: '请选择榜单' })
const periodKeySchema = z
  .string({ error: '请选择评选周期' })
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { error: '周期格式不正确，例如 2026-11、2026-Q4 或 2026' })

export const ledgerItemSchema = z.object({
  id: z.string(),
  points: z.number().int(),
  reason: z.enum(pointsReasons),
  reasonLabel: z.string(),
  /** Why, in plain Chinese (which case, capped, reversed…). */
  note: z.string(),
  caseId: z.string().nullable(),
  patrolId: z.string().nullable(),
  at: z.string(),
  ruleVersion: z.number().int(),
  capped: z.boolean(),
})
export type LedgerItem = z.infer<typeof ledgerItemSchema>

export const rankRowSchema = z.object({
  rank: z.number().int(),
  nickname: z.string(),
  points: z.number().int(),
  acceptedReports: z.number().int(),
  isMe: z.boolean(),
})
export type RankRow = z.infer<typeof rankRowSchema>

/** Where the caller stands in this month's ranking of their list, and how far the award line is. */
export const rankingProgressSchema = z.object({
  kind: periodKindSchema,
  period: z.string(),
  periodLabel: z.string(),
  title: z.string(),
  /** How many people the award names (the top N). */
  winners: z.number().int(),
  points: z.number().int(),
  acceptedReports: z.number().int(),
  rank: z.number().int().nullable(),
  /** People ranked in the list this period when the award places hold them all; null when more are ranked. */
  total: z.number().int().nullable(),
  /** Points still needed to pass the last award place; 0 when within it; null when the list is empty. */
  gap: z.number().int().nullable(),
})

export const awardWinnerSchema = z.object({
  rank: z.number().int(),
  nickname: z.string(),
  points: z.number().int(),
  acceptedReports: z.number().int(),
  /** Only the district office sees it (to exclude someone when reviewing); '' for everyone else. */
  openid: z.string(),
})

export const awardViewSchema = z.object({
  id: z.string(),
  kind: periodKindSchema,
  title: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  periodEnded: z.boolean(),
  list: rankListSchema,
  listLabel: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  status: z.enum(awardStatuses),
  /** 已发布, 草稿·待审核发布, or 草稿·周期未结束. */
  statusLabel: z.string(),
  winners: z.array(awardWinnerSchema),
  excludedCount: z.number().int(),
  note: z.string(),
  draftedAt: z.string(),
  draftedBy: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
})
export type AwardView = z.infer<typeof awardViewSchema>

/** The rewards context's actions: points, rankings and awards. */
export const rewardsActions = {
  'points.mine': {
    input: z.object(pageInput),
    output: z.object({
      balance: z.number().int(),
      list: rankListSchema.nullable(),
      listLabel: z.string(),
      month: rankingProgressSchema,
      /** The rule table in force, in plain Chinese. */
      rules: z.array(z.string()),
      ledger: pageOf(ledgerItemSchema),
    }),
  },
  'points.ledger': {
    input: z.object({
      openid: z.string({ error: '请指定要查看的人' }).min(1, { error: '请指定要查看的人' }).max(128),
      ...pageInput,
    }),
    output: z.object({ nickname: z.string(), balance: z.number().int(), ledger: pageOf(ledgerItemSchema) }),
  },
  'points.leaderboard': {
    input: z.object({
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
    output: z.object({
      kind: periodKindSchema,
      period: z.string(),
      periodLabel: z.string(),
      ended: z.boolean(),
      list: rankListSchema,
      listLabel: z.string(),
      scope: z.enum(rankScopes),
      scopeId: z.string().nullable(),
      scopeName: z.string(),
      title: z.string(),
      winners: z.number().int(),
      /** People ranked in this period, list and scope when all are shown; null when more are ranked. */
      ranked: z.number().int().nullable(),
      items: z.array(rankRowSchema),
      /** The caller's place even when outside the top list; null when they have no points in it. */
      me: z
        .object({ rank: z.number().int(), points: z.number().int(), acceptedReports: z.number().int() })
        .nullable(),
    }),
  },
  'award.draft': {
    input: z
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
    output: z.object({ award: awardViewSchema }),
  },
  'award.publish': {
    input: z.object({
      awardId: z.string({ error: '缺少评选编号' }).min(1, { error: '缺少评选编号' }).max(200),
    }),
    output: z.object({ award: awardViewSchema }),
  },
  'award.list': {
    input: z.object({
      status: z.enum(['published', 'draft', 'all'], { error: '状态无效' }).default('published'),
      kind: periodKindSchema.optional(),
      ...pageInput,
    }),
    output: pageOf(awardViewSchema),
  },
} as const
