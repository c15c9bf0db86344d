import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { callerContactSchema, caseCardSchema, caseChannelSchema } from './record'
import { caseStatusSchema } from './status'
import { caseInputs } from './inputs'

export * from './inputs'

export const caseViewSchema = z.object({
  /** Where WeChat's content checks of the case stand; only in the full view, on cases since the checks. */
  screening: z
    .object({ state: z.enum(['checking', 'passed', 'review', 'rejected']), label: z.string() })
    .optional(),
  id: z.string(),
  caseNo: z.string(),
  status: caseStatusSchema,
  statusLabel: z.string(),
  /**
   * `full` for the reporter, followers, staff attached to the case or whose grids cover it, and the district's
   * office and supervisor; `summary` (the public summary) for everyone else. See domain/case/visibility.ts.
   */
  view: z.enum(['full', 'summary']),
  categoryId: z.string(),
  categoryName: z.string(),
  checkId: z.string(),
  checkName: z.string(),
  description: z.string(),
  /** None in the public summary until photos pass a content check. */
  photos: z.array(z.string()),
  /** Exact in the full view; rounded to about 100 m in the public summary. GCJ-02. */
  location: gcj02PointSchema,
  /** The reporter's address line in the full view; the community (or street) in the public summary. */
  address: z.string(),
  anonymous: z.boolean(),
  channel: caseChannelSchema,
  grid: gridRefSchema,
  claimedBy: z.object({ nickname: z.string(), at: z.string() }).nullable(),
  /** Present only for the reporter's own view and for other full views of non-anonymous cases. */
  reporter: z.object({ nickname: z.string() }).nullable(),
  /** A complaint caller's contact, for the handling staff only (absent otherwise). */
  callerContact: callerContactSchema.nullable().optional(),
  isMine: z.boolean(),
  /**
   * The reporter's receipt: the head of the case's sealed trail as it stands (its first 16 hex digits), to
   * keep and compare with a later trail check; null for anyone else.
   */
  receipt: z.string().nullable(),
  /** Who the caller is to this case, decided on the server by account (never by nickname, which repeat). */
  viewer: z.object({ isReporter: z.boolean(), isClaimer: z.boolean(), isJointHandler: z.boolean() }),
  /** The viewer follows this case (joined it instead of reporting it again). */
  isFollowing: z.boolean(),
  followerCount: z.number().int(),
  major: z.boolean(),
  deadlineAt: z.string().nullable(),
  card: caseCardSchema,
  supervised: z.boolean(),
  signOffs: z.array(z.string()),
  jointHandlers: z.array(z.string()),
  disputeCount: z.number().int(),
  rating: z.number().int().nullable(),
  resolution: z
    .object({ code: z.string(), label: z.string(), note: z.string(), mergedInto: z.string().optional() })
    .nullable(),
  waitingSince: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type CaseView = z.infer<typeof caseViewSchema>

export const eventViewSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  label: z.string(),
  actorLabel: z.string(),
  from: z.string(),
  to: caseStatusSchema,
  note: z.string(),
  evidence: z.array(z.string()),
  /**
   * In place of evidence photos the viewer may not see yet (图片审核中), or, to their uploader, one WeChat
   * found risky, with the reason; empty when every photo is shown.
   */
  heldEvidence: z.array(z.object({ state: z.enum(['checking', 'hidden']), label: z.string() })),
  /**
   * To staff only: the evidence photos of this event that wait on a person (WeChat asked for review, could
   * not check, or has not answered), which `case.approveEvidence` lets everyone see. Absent when none.
   */
  awaitingReview: z.array(z.object({ photoId: z.string(), photo: z.string() })).optional(),
  at: z.string(),
})
export type EventView = z.infer<typeof eventViewSchema>

/** A coarse distance: within `withinMeters`, worded for people ("500 米内", "1 公里内"). */
export const distanceBandSchema = z.object({ withinMeters: z.number().int(), label: z.string() })
export type DistanceBand = z.infer<typeof distanceBandSchema>

const caseResult = z.object({ case: caseViewSchema })

export const trailVerdictSchema = z.object({
  intact: z.boolean(),
  events: z.number().int(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
})

/** The case context's actions: reporting, every act on a case, and the boards that list cases. */
export const caseActions = {
  'case.submit': {
    input: caseInputs['case.submit'],
    output: z.object({ case: caseViewSchema, replayed: z.boolean() }),
  },
  'case.get': {
    input: caseInputs['case.get'],
    output: z.object({ case: caseViewSchema, events: z.array(eventViewSchema) }),
  },
  'case.mine': { input: caseInputs['case.mine'], output: pageOf(caseViewSchema) },
  'case.claim': { input: caseInputs['case.claim'], output: z.object({ case: caseViewSchema }) },
  'case.release': { input: caseInputs['case.release'], output: caseResult },
  'case.rectify': { input: caseInputs['case.rectify'], output: caseResult },
  'case.escalate': { input: caseInputs['case.escalate'], output: caseResult },
  'case.requestCity': { input: caseInputs['case.requestCity'], output: caseResult },
  'case.signOff': { input: caseInputs['case.signOff'], output: caseResult },
  'case.sendBack': { input: caseInputs['case.sendBack'], output: caseResult },
  'case.verify': { input: caseInputs['case.verify'], output: caseResult },
  'case.confirm': { input: caseInputs['case.confirm'], output: caseResult },
  'case.dispute': { input: caseInputs['case.dispute'], output: caseResult },
  'case.reject': { input: caseInputs['case.reject'], output: caseResult },
  'case.merge': { input: caseInputs['case.merge'], output: caseResult },
  'case.cityResolve': { input: caseInputs['case.cityResolve'], output: caseResult },
  'case.supervise': { input: caseInputs['case.supervise'], output: caseResult },
  'case.unsupervise': { input: caseInputs['case.unsupervise'], output: caseResult },
  'case.attachHandlers': { input: caseInputs['case.attachHandlers'], output: caseResult },
  /** Whom a leader may attach to a claimed case for joint enforcement: staff of its grid, above it, or one level below. */
  'case.handlerCandidates': {
    input: caseInputs['case.handlerCandidates'],
    output: z.object({
      items: z.array(
        z.object({
          openid: z.string(),
          nickname: z.string(),
          roleLabel: z.string(),
          where: z.string(),
          attached: z.boolean(),
        }),
      ),
    }),
  },
  'case.recordPart': { input: caseInputs['case.recordPart'], output: caseResult },
  'case.correctGrid': { input: caseInputs['case.correctGrid'], output: caseResult },
  'case.nearby': {
    input: caseInputs['case.nearby'],
    output: z.object({
      radiusMeters: z.number().int(),
      /**
       * How far each case is, as a band ("200 米内") measured to its rounded place: never an exact distance,
       * so that no number of calls from chosen points pins a case down finer than its public place.
       */
      items: z.array(caseViewSchema.extend({ distance: distanceBandSchema })),
    }),
  },
  /**
   * Following a case instead of reporting it again. `location`, where the caller says they are, decides
   * whether the join earns points: only within the category's radius of the case (see rewards/points).
   */
  'case.join': { input: caseInputs['case.join'], output: caseResult },
  /** Staff let a case held for review (by WeChat's verdict, or for want of one) go public. */
  'case.approveContent': { input: caseInputs['case.approveContent'], output: caseResult },
  /**
   * Staff let one evidence photo of the trail (an after-photo, a part's photo) that WeChat held for review,
   * could not check or never answered for be shown to everyone who sees the trail.
   */
  'case.approveEvidence': { input: caseInputs['case.approveEvidence'], output: caseResult },
  /** Files a case under a registered site (一企一档); the site's history lists it from then on. */
  'case.linkSite': { input: caseInputs['case.linkSite'], output: caseResult },
  'case.verifyTrail': { input: caseInputs['case.verifyTrail'], output: trailVerdictSchema },
  /** A day's signed trail checkpoints, page by page, for a district office to keep outside the database. */
  'trail.checkpoints': {
    input: caseInputs['trail.checkpoints'],
    output: pageOf(
      z.object({
        caseId: z.string(),
        seq: z.number().int(),
        hash: z.string(),
        day: z.string(),
        signature: z.string(),
        signedAt: z.string(),
      }),
    ).extend({ day: z.string() }),
  },
  'board.list': {
    input: caseInputs['board.list'],
    output: pageOf(caseViewSchema).extend({ grid: gridRefSchema, grids: z.array(gridRefSchema) }),
  },
  'grid.cards': {
    input: caseInputs['grid.cards'],
    output: z.object({
      grid: gridRefSchema,
      /** The Beijing month the cards are counted in (`2026-12`). */
      month: z.string(),
      yellow: z.number().int(),
      red: z.number().int(),
      openOverdue: z.number().int(),
    }),
  },
} as const
