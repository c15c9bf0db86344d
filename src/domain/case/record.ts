import { z } from '../shared/zod'
import { caseStatusSchema } from './status'
import { gcj02PointSchema } from '../shared/geo'
import { districtUnitSchema, roleSchema } from '../people/roles'
import { caseFiguresSchema } from '../reports/case-figures'
import { screeningSchema } from '../content/screening'

export const caseChannels = ['resident', 'patrol', 'hotline', 'sensor', 'open311'] as const
export const caseChannelSchema = z.enum(caseChannels)
export type CaseChannel = z.infer<typeof caseChannelSchema>
export const caseChannelLabels: Record<CaseChannel, string> = {
  resident: '市民随手拍',
  patrol: '网格巡查',
  hotline: '12369热线',
  sensor: '在线监测',
  open311: 'Open311接入',
}

/** Whom a complaint-line operator may call back: the caller's name (as given) and number. */
export const callerContactSchema = z.object({
  name: z.string(),
  phone: z.string(),
  /** An Open311 post's submitter may leave an email address instead of (or besides) a number. */
  email: z.string().optional(),
})
export type CallerContact = z.infer<typeof callerContactSchema>

export const caseCards = ['none', 'yellow', 'red'] as const
export const caseCardSchema = z.enum(caseCards)
export type CaseCard = z.infer<typeof caseCardSchema>

export const claimSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  at: z.string(),
})

/** The stored case document (collection `case`). Times are ISO-8601 UTC; `location` is GCJ-02. */
export const caseRecordSchema = z.object({
  _id: z.string(),
  caseNo: z.string(),
  status: caseStatusSchema,
  categoryId: z.string(),
  checkId: z.string(),
  description: z.string(),
  photos: z.array(z.string()),
  location: gcj02PointSchema,
  /** The 0.002° cell `location` lies in (`placeCellOf`), indexed so that a nearby search reads only its cells. */
  placeCell: z.string().optional(),
  accuracyMeters: z.number().nullable(),
  address: z.string(),
  anonymous: z.boolean(),
  channel: caseChannelSchema,
  reporterId: z.string(),
  /** The reporter's nickname when they reported, so that a case is shown without looking its reporter up. */
  reporterNickname: z.string(),
  /**
   * A caller's contact, for a complaint taken on the phone (channel `hotline`): shown only to the staff who
   * handle the case (domain/case/visibility.ts). Absent for every other channel.
   */
  callerContact: callerContactSchema.optional(),
  gridId: z.string(),
  /** The grid and all its ancestors, so that an upper level's board finds cases below it by one index. */
  gridPath: z.array(z.string()),
  claim: claimSchema.nullable(),
  /** The caller's request id, so that a retried submit finds the first result instead of a second case. */
  requestKey: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set by the jobs sweep when a case waits unclaimed past the limit. */
  unclaimedAlertAt: z.string().nullable(),
  /** When the case last landed on a board (submitted, escalated, sent back, released, reopened). */
  waitingSince: z.string(),
  /** The grid the case was first routed to; send-back walks back down towards it. */
  originGridId: z.string(),
  /** Sits at a grid other than its origin (escalated up, or sent part of the way back): derived, for the escalated board's index. */
  awayFromOrigin: z.boolean(),
  /** When the reporter corrected the grid; a case is re-routed this way at most once. Absent on older cases. */
  gridCorrectedAt: z.string().nullable().optional(),
  /** Who registered the city's result (登记市级办结): they may not also verify it. Absent on older cases. */
  cityResolvedBy: z.string().nullable().optional(),
  /** The registered site (一企一档) the case is filed under; absent until one is linked. */
  siteId: z.string().optional(),
  /** 重大/突发: also reported to the district environmental office at once. */
  major: z.boolean(),
  /** 限期: when handling is due at the current level; null once nothing is left to handle. */
  deadlineAt: z.string().nullable(),
  /** 红黄牌: yellow before the deadline, red after it. */
  card: caseCardSchema,
  /** 挂牌督办 by a supervisor or district office. */
  supervision: z.object({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
  /** District offices that signed the escalation to the city (both 大气办 and 长效办 are needed). */
  signOffs: z.array(districtUnitSchema),
  /** Departments or sunk staff attached for joint enforcement (联合执法). */
  jointHandlers: z.array(z.object({ openid: z.string(), nickname: z.string() })),
  /** People who joined the case instead of reporting it again. */
  followers: z.array(z.string()),
  disputeCount: z.number().int().nonnegative(),
  /** When the fix passed verification: the reporter's silence is counted from here, not from later acts. */
  verifiedAt: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  /** Why a case was rejected, or which case it was merged into. */
  resolution: z.object({ code: z.string(), note: z.string(), mergedInto: z.string().optional() }).nullable(),
  /** Number of events in the trail; every change is guarded by it, so changes to one case serialise. */
  eventCount: z.number().int().nonnegative(),
  /** Hash of the last event, the head of the case's chain. */
  lastHash: z.string(),
  /** What the case counts for on the district's desk, folded from its trail (absent on older cases). */
  figures: caseFiguresSchema.optional(),
  /** `<node>|<indicator>|<day>` for each figure it counts in: how the cases behind a figure are listed. */
  figureMarks: z.array(z.string()).optional(),
  /** WeChat content security of its text and photos (absent on cases from before the checks). */
  screening: screeningSchema.optional(),
})
export type CaseRecord = z.infer<typeof caseRecordSchema>

/**
 * One entry of a case's trail, append-only: kept on the case document itself (so an act is one write) and
 * copied to the collection `case_event` for the projections that follow every case's events in order.
 */
export const caseEventSchema = z.object({
  _id: z.string(),
  caseId: z.string(),
  seq: z.number().int().nonnegative(),
  type: z.string(),
  actorId: z.string(),
  actorRole: z.union([roleSchema, z.literal('system')]),
  /** The actor's nickname at the time, as the trail shows it (part of the hash, like the rest). */
  actorNickname: z.string(),
  gridId: z.string(),
  from: z.union([caseStatusSchema, z.literal('none')]),
  to: caseStatusSchema,
  note: z.string(),
  /** Photos or files that back the act (after-photos, evidence of a joint enforcement part). */
  evidence: z.array(z.string()),
  /** Structured facts of the act (reason codes, rating, target grid…), part of the hash. */
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
  /** Digest of the case's own content after this event (place, description, reporter…), sealed with it. */
  content: z.string(),
  prevHash: z.string(),
  hash: z.string(),
})
export type CaseEvent = z.infer<typeof caseEventSchema>
