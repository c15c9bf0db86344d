import type { GridTree } from '../grid/tree'
import { coarsen, distanceMeters, type Gcj02Point } from '../shared/geo'
import { isStaff } from '../people/roles'
import { overseesDistrictOf, staffCovers, type Viewer } from '../people/scope'
import type { CaseRecord } from './record'
import { photoHidden, photoPublic, publiclyVisible } from '../content/screening'

/**
 * Who the viewer is to a case, the first that applies: its reporter; a follower (joined it); staff attached to
 * it (its claimer, a joint handler); staff whose grids cover it (where it sits now, or the grid it was reported
 * in); the district office or supervisor of its district; or nobody in particular.
 */
export const caseRelations = ['reporter', 'follower', 'attached', 'grid-staff', 'district', 'none'] as const
export type CaseRelation = (typeof caseRelations)[number]

/** What of a case a viewer is shown. Every read of a case (one case, a list, a board, nearby) applies it. */
export interface CaseAccess {
  relation: CaseRelation
  /**
   * Whether the viewer may see the case at all: everyone related to it may; anyone else only once its
   * content passed WeChat's checks (its words, and every photo that is not hidden).
   */
  listed: boolean
  /** The full view: everything below but the reporter of an anonymous case. Otherwise the public summary. */
  full: boolean
  /** The exact point; the public summary has it rounded to about 100 m. */
  exactPlace: boolean
  /** The reporter's address line; the public summary names the community instead. */
  address: boolean
  /** The reporter's name (and the names of residents who joined): never of an anonymous case but to its reporter. */
  reporter: boolean
  /** Photos of the report (less those found risky, but to staff) and evidence of the acts; otherwise only photos that passed. */
  photos: boolean
  /** Every event's note; the public summary carries only the notes of `publicNoteEvents`. */
  allNotes: boolean
  /** Who was attached for joint enforcement. */
  jointHandlers: boolean
  /**
   * A complaint caller's contact: for the staff who handle the case only (attached to it, staff of its grids,
   * the district office), never for the supervisor, followers or the public.
   */
  callerContact: boolean
}

/** The parts of a case the decision reads: who reported, follows and handles it, and where it sits. */
export type CaseScopeFacts = Pick<
  CaseRecord,
  | 'reporterId'
  | 'followers'
  | 'claim'
  | 'jointHandlers'
  | 'gridId'
  | 'originGridId'
  | 'anonymous'
  | 'screening'
>

/**
 * Notes that say what became of the report, which anyone following the problem may read: where it was routed,
 * the fix, the verification, the city's result, a merge. Everything else (instructions between levels,
 * supervision, reasons for releasing, refusing or disputing, the reporter's own comment) stays with those who
 * see the case in full.
 */
export const publicNoteEvents: ReadonlySet<string> = new Set([
  'submit',
  'rectify',
  'verify',
  'city-resolve',
  'merge',
  'absorb',
])

function relationOf(record: CaseScopeFacts, viewer: Viewer, tree: GridTree): CaseRelation {
  if (record.reporterId === viewer.openid) return 'reporter'
  if (record.followers.includes(viewer.openid)) return 'follower'
  if (isStaff(viewer.role)) {
    const attached =
      record.claim?.userId === viewer.openid ||
      record.jointHandlers.some((handler) => handler.openid === viewer.openid)
    if (attached) return 'attached'
    if (overseesDistrictOf(viewer, record.gridId, tree)) return 'district'
    if (staffCovers(viewer, record.gridId, tree) || staffCovers(viewer, record.originGridId, tree))
      return 'grid-staff'
  }
  return 'none'
}

/**
 * The one decision of who sees what of a case, from data every read already holds: the caller's user document
 * (role, grids), the case document and the cached grid tree. The full view (exact place, address, reporter
 * unless anonymous, photos, every note) goes to the case's reporter and followers, to staff attached to it or
 * whose grids cover it, and to the district office and supervisor of its district. Everyone else (residents,
 * volunteers, staff of other grids and districts) gets the public summary: a coarse place, the community
 * instead of the address, no reporter, public notes only, photos only once they have passed WeChat's check,
 * and the case itself only once all of its content has (see `publiclyVisible`).
 */
export function caseAccess(record: CaseScopeFacts, viewer: Viewer, tree: GridTree): CaseAccess {
  const relation = relationOf(record, viewer, tree)
  const full = relation !== 'none'
  return {
    relation,
    listed: full || publiclyVisible(record.screening),
    full,
    exactPlace: full,
    address: full,
    reporter: relation === 'reporter' || (full && !record.anonymous),
    photos: full,
    allNotes: full,
    jointHandlers: full,
    callerContact:
      relation === 'attached' ||
      relation === 'grid-staff' ||
      (relation === 'district' && viewer.role === 'district_office'),
  }
}

/** What the public summary says instead of the address: the community (or the street, for a case above one). */
export function publicAddress(tree: GridTree, gridId: string): string {
  const area = tree.ancestorAt(gridId, 'community') ?? tree.ancestorAt(gridId, 'street')
  return area ? tree.label(area._id) : ''
}

/** A coarse distance, as `case.nearby` answers it. */
export interface DistanceBand {
  withinMeters: number
  label: string
}

/**
 * How far a case is from a stated point, for `case.nearby`: measured to the case's rounded place (never the
 * exact one, so that no number of calls from chosen points locates a case finer than its public place) and
 * answered as the smallest band that holds it. `null` when it lies beyond `radiusMeters`, judged on the
 * rounded place too: where the answer changes tells nothing about the exact point either.
 */
export function nearbyBand(
  from: Gcj02Point,
  exact: Gcj02Point,
  radiusMeters: number,
  bandsMeters: readonly number[],
): { meters: number; band: DistanceBand } | null {
  const meters = distanceMeters(from, coarsen(exact))
  if (meters > radiusMeters) return null
  const within = bandsMeters.find((band) => meters <= band) ?? bandsMeters.at(-1)!
  const label = within >= 1000 ? `${within / 1000} 公里内` : `${within} 米内`
  return { meters, band: { withinMeters: within, label } }
}

/**
 * The photos of a case a viewer is shown: to those who see it in full, all but the ones WeChat found risky
 * (staff see those too, to judge them); to everyone else only photos that passed. `photoIdOf` reads a
 * stored copy's photo id from its fileID.
 */
export function shownPhotos(
  record: Pick<CaseRecord, 'photos' | 'screening'>,
  access: CaseAccess,
  viewerIsStaff: boolean,
  photoIdOf: (fileID: string) => string | null,
): string[] {
  return record.photos.filter((fileID) => {
    const id = photoIdOf(fileID)
    if (!access.photos) return photoPublic(record.screening, id)
    return viewerIsStaff || !photoHidden(record.screening, id)
  })
}
