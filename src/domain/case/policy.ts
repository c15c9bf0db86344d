import { z } from '../shared/zod'

/** What `case.nearby` may answer, and how often: a search near one's own place, not a map of every case. */
export const nearbyPolicySchema = z
  .object({
    /** The farthest it looks, whatever a category's radius says. */
    maxRadiusMeters: z.number().int().positive(),
    /** The most cases one answer lists (the nearest). */
    maxItems: z.number().int().min(1).max(50),
    /** The distances answered in, ascending ("100 米内", …); the last must reach `maxRadiusMeters`. */
    bandsMeters: z.array(z.number().int().positive()).min(1),
    /** Searches per caller per clock hour (UTC hour bucket) and per Beijing day. */
    limitPerHour: z.number().int().positive(),
    limitPerDay: z.number().int().positive(),
  })
  .refine((nearby) => nearby.bandsMeters.every((band, i, all) => i === 0 || all[i - 1]! < band), {
    error: 'bandsMeters must ascend',
    path: ['bandsMeters'],
  })
  .refine((nearby) => nearby.bandsMeters.at(-1)! >= nearby.maxRadiusMeters, {
    error: 'the last of bandsMeters must reach maxRadiusMeters',
    path: ['bandsMeters'],
  })
export type NearbyPolicy = z.infer<typeof nearbyPolicySchema>

/** Tunable rules of the case lifecycle, as configuration (the `policy` table of the settings), not code. */
export const policySchema = z.object({
  /** Minutes a case may wait unclaimed before the grid leader is alerted (boards are checked every two hours). */
  unclaimedAlertMinutes: z.number().int().positive(),
  /** Minutes unclaimed after which the case is escalated to the level above automatically. */
  unclaimedEscalateMinutes: z.number().int().positive(),
  /** Days a reporter may stay silent after verification before the case counts as confirmed. */
  autoConfirmDays: z.number().int().positive(),
  /** Disputes that reopen a case; the next one goes to the supervisor. */
  maxReopenings: z.number().int().nonnegative(),
  /** How far (metres) outside a grid's polygon a reporter may still move a case into it. */
  gridCorrectionMeters: z.number().int().positive(),
  /** The farthest apart (metres) two cases' places may be for one to be merged into the other. */
  mergeMaxMeters: z.number().int().positive().default(500),
  /**
   * Writes per caller (every action that is not a read, see `readActions`) in a sliding window: at most
   * `perWindow` in any `windowSeconds`. Submissions and nearby searches have their own hourly and daily caps too.
   */
  writeLimit: z
    .object({
      perWindow: z.number().int().min(1).max(1000),
      windowSeconds: z.number().int().min(1).max(3600),
    })
    .default({ perWindow: 30, windowSeconds: 60 }),
  /** Submissions per caller: per clock hour (UTC hour bucket) and per Beijing day. */
  submitLimitPerHour: z.number().int().positive(),
  submitLimitPerDay: z.number().int().positive(),
  /** Categories whose reports are major or sudden events by rule, whoever reports them. */
  majorCategoryIds: z.array(z.string()),
  /**
   * Patrol rounds (巡查): a round left open (the phone died) ends itself `maxOpenMinutes` after its last
   * check-in (or its start), ended at that last activity so its duration stays honest; a round holds at most
   * `maxCheckIns` check-ins.
   */
  patrolRound: z
    .object({
      maxOpenMinutes: z
        .number()
        .int()
        .min(10)
        .max(24 * 60),
      maxCheckIns: z.number().int().min(1).max(500),
    })
    .default({ maxOpenMinutes: 240, maxCheckIns: 60 }),
  /** Days an invitation to join as staff stays valid unless the office picks another validity. */
  inviteValidDays: z.number().int().min(1).max(90).default(7),
  /**
   * Seconds one run of the jobs function may work before it stops and leaves the rest to the next tick:
   * under the function's timeout (60 s), with room for the step in hand and for saving the run.
   */
  jobsBudgetSeconds: z.number().int().min(5).max(850).default(50),
  nearby: nearbyPolicySchema.default({
    maxRadiusMeters: 500,
    maxItems: 10,
    bandsMeters: [100, 200, 300, 500],
    limitPerHour: 60,
    limitPerDay: 300,
  }),
  /**
   * Site suggestions near a place (`site.nearby`, asked by the report page): searches per caller per clock hour
   * (UTC hour bucket) and per Beijing day, so the register cannot be walked cell by cell.
   */
  siteNearby: z
    .object({
      limitPerHour: z.number().int().positive(),
      limitPerDay: z.number().int().positive(),
    })
    .default({ limitPerHour: 60, limitPerDay: 300 }),
  /**
   * The Thursday report: the Beijing ISO weekday (1 Monday … 7 Sunday) the drafts are made, the hour that
   * day by which a community leader must submit before the district lists the report as late, and the
   * largest export.
   */
  weeklyReport: z
    .object({
      weekday: z.number().int().min(1).max(7),
      submitByHour: z.number().int().min(1).max(24),
      /** The most communities one workbook takes (a sheet each); a larger scope exports street by street. */
      maxExportCommunities: z.number().int().min(1).max(1000).default(200),
    })
    .default({ weekday: 4, submitByHour: 18, maxExportCommunities: 200 }),
  /**
   * Case-list exports: the most cases one export may read (a larger one is refused, to be narrowed), how
   * many the request itself writes (more are left to the jobs function), and the cases read per step.
   */
  exports: z
    .object({
      maxCases: z.number().int().min(1).max(200_000),
      inlineCases: z.number().int().min(0).max(2000),
      pageCases: z.number().int().min(10).max(1000),
    })
    .default({ maxCases: 20_000, inlineCases: 300, pageCases: 500 }),
})
export type Policy = z.infer<typeof policySchema>

export const rejectReasons = {
  duplicate: '重复举报',
  'not-pollution': '不属于大气污染问题',
  'out-of-scope': '不属于本平台受理范围',
  'unclear-photo': '照片不清晰，无法核实',
  fake: '虚假举报',
} as const
export type RejectReason = keyof typeof rejectReasons
export const rejectReasonCodes = Object.keys(rejectReasons) as [RejectReason, ...RejectReason[]]

export const escalationReasons = {
  'out-of-remit': '职责范围外',
  'needs-joint-enforcement': '需联合执法',
  'cannot-handle': '处置不了',
  'major-event': '重大或突发污染问题',
} as const
export type EscalationReason = keyof typeof escalationReasons
export const escalationReasonCodes = Object.keys(escalationReasons) as [
  EscalationReason,
  ...EscalationReason[],
]

export const handlingMeasures = {
  dissuade: '劝阻',
  'rectification-notice': '下达整改通知',
  'on-site-fix': '现场整治',
  'joint-enforcement': '联合执法',
  penalty: '立案处罚',
} as const
export type HandlingMeasure = keyof typeof handlingMeasures
export const handlingMeasureCodes = Object.keys(handlingMeasures) as [HandlingMeasure, ...HandlingMeasure[]]
