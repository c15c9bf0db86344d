import { z } from '../shared/zod'

export const roles = [
  'resident',
  'volunteer',
  'grid_member',
  'grid_leader',
  'sunk_staff',
  'district_office',
  'supervisor',
] as const
export const roleSchema = z.enum(roles)
export type Role = z.infer<typeof roleSchema>

export const roleLabels: Record<Role, string> = {
  resident: '市民',
  volunteer: '环保志愿者',
  grid_member: '网格员',
  grid_leader: '网格长',
  sunk_staff: '下沉人员',
  district_office: '区级办公室',
  supervisor: '督查室',
}

/** Roles that work cases (see boards, claim, handle); residents and volunteers only report and follow. */
export const staffRoles: readonly Role[] = [
  'grid_member',
  'grid_leader',
  'sunk_staff',
  'district_office',
  'supervisor',
]

export function isStaff(role: Role): boolean {
  return staffRoles.includes(role)
}

/** A district office is one of these units; escalation to the city needs both of the first two. */
export const districtUnits = ['air_office', 'long_term_office', 'social_office'] as const
export const districtUnitSchema = z.enum(districtUnits)
export type DistrictUnit = z.infer<typeof districtUnitSchema>
export const districtUnitLabels: Record<DistrictUnit, string> = {
  air_office: '区大气办',
  long_term_office: '区长效办',
  social_office: '区社管办',
}

/** Uses of a rate-limited action in the current hour and Beijing day; `seq` orders changes to it. */
export const quotaSchema = z.object({
  seq: z.number().int(),
  hour: z.string(),
  hourCount: z.number().int(),
  day: z.string(),
  dayCount: z.number().int(),
})
export type Quota = z.infer<typeof quotaSchema>

export const userSchema = z.object({
  _id: z.string(),
  /** WeChat OPENID in the cloud; the demo account id in the emulator. */
  openid: z.string(),
  nickname: z.string(),
  role: roleSchema,
  /** Grids this person works in (staff) or lives in (residents, optional). */
  gridIds: z.array(z.string()),
  /** The district whose office manages this person; set when they join by invitation. */
  districtId: z.string().optional(),
  districtUnit: districtUnitSchema.optional(),
  points: z.number().int(),
  /** Submissions in the current hour and Beijing day, for the rate limit. */
  submitQuota: quotaSchema.optional(),
  /**
   * When the person's latest writes were made (ISO, oldest first, at most policy.writeLimit.perWindow of
   * them): the sliding window of the write limit, kept on the document every request reads anyway.
   */
  writeWindow: z.array(z.string()).optional(),
  /** Searches for nearby cases (case.nearby) in the current hour and Beijing day, for its rate limit. */
  nearbyQuota: quotaSchema.optional(),
  /** Searches for sites near a place (site.nearby) in the current hour and Beijing day, for its rate limit. */
  siteNearbyQuota: quotaSchema.optional(),
  /**
   * The fileIDs of the person's latest registered photos (newest last), kept by the functions so that an
   * act naming them can check them without another read.
   */
  recentPhotos: z.array(z.string()).optional(),
  /**
   * WeChat's verdicts on the recent photos (by photo id) that have one, so that a report naming a photo
   * checked before it was sent is screened without another read. Pending photos have no entry.
   */
  photoChecks: z.record(z.string(), z.enum(['pass', 'review', 'risky', 'unchecked'])).optional(),
})
export type User = z.infer<typeof userSchema>

/** Who is acting, as the server knows it: never taken from a request payload. */
export interface Actor {
  openid: string
  userId: string
  role: Role
  gridIds: string[]
  districtUnit?: DistrictUnit
}
