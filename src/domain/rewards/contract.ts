import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { awardStatuses, pointsReasons, rankScopes } from './points'
import { periodKindSchema, rankListSchema, rewardsInputs } from './inputs'

export * from './inputs'

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
    input: rewardsInputs['points.mine'],
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
    input: rewardsInputs['points.ledger'],
    output: z.object({ nickname: z.string(), balance: z.number().int(), ledger: pageOf(ledgerItemSchema) }),
  },
  'points.leaderboard': {
    input: rewardsInputs['points.leaderboard'],
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
  'award.draft': { input: rewardsInputs['award.draft'], output: z.object({ award: awardViewSchema }) },
  'award.publish': { input: rewardsInputs['award.publish'], output: z.object({ award: awardViewSchema }) },
  'award.list': { input: rewardsInputs['award.list'], output: pageOf(awardViewSchema) },
} as const
