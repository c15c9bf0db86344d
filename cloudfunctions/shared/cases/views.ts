import { findCategory, findCheck, type CategoryCatalog } from '../../../src/domain/case/categories'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import { caseCommandLabels, caseStatusLabels, type CaseCommand } from '../../../src/domain/case/status'
import type { CaseView, EventView } from '../../../src/domain/contract'
import { coarsen } from '../../../src/domain/shared/geo'
import type { GridTree } from '../../../src/domain/grid/tree'
import { rejectReasons, type RejectReason } from '../../../src/domain/case/policy'
import { districtUnitLabels, isStaff, roleLabels, type Actor } from '../../../src/domain/people/roles'
import {
  caseAccess,
  publicAddress,
  publicNoteEvents,
  shownPhotos,
  type CaseAccess,
} from '../../../src/domain/case/visibility'
import { photoIdOf } from '../photos/paths'
import {
  evidenceShown,
  photoHidden,
  screeningStateLabels,
  awaitsPerson,
  type EvidenceCheck,
  type HeldEvidence,
} from '../../../src/domain/content/screening'
import { contentRejectionCode } from '../../../src/domain/case/acts/screening'

export function gridRef(tree: GridTree, gridId: string) {
  const node = tree.get(gridId)
  return {
    id: gridId,
    name: node?.name ?? '未知网格',
    level: node?.level ?? 'block',
    label: node ? tree.label(gridId) : '未知网格',
  }
}

/**
 * A case as the viewer may see it: the full view or the public summary, as `caseAccess` decides (see there
 * for who gets which). The summary keeps the case's number, status, category, description, grid and
 * progress, with the place rounded to about 100 m and the community instead of the address.
 */
export function toCaseView(
  record: CaseRecord,
  viewer: Actor,
  tree: GridTree,
  catalog: CategoryCatalog,
  access: CaseAccess = caseAccess(record, viewer, tree),
): CaseView {
  const isMine = record.reporterId === viewer.openid
  const category = findCategory(record.categoryId, catalog)
  const check = findCheck(record.categoryId, record.checkId, catalog)
  return {
    id: record._id,
    caseNo: record.caseNo,
    status: record.status,
    statusLabel: caseStatusLabels[record.status],
    view: access.full ? 'full' : 'summary',
    categoryId: record.categoryId,
    categoryName: category?.name ?? record.categoryId,
    checkId: record.checkId,
    checkName: check?.name ?? record.checkId,
    description: record.description,
    photos: shownPhotos(record, access, isStaff(viewer.role), photoIdOf),
    location: access.exactPlace ? record.location : coarsen(record.location),
    address: access.address ? record.address : publicAddress(tree, record.gridId),
    anonymous: record.anonymous,
    channel: record.channel,
    grid: gridRef(tree, record.gridId),
    claimedBy: record.claim ? { nickname: record.claim.nickname, at: record.claim.at } : null,
    reporter: access.reporter ? { nickname: record.reporterNickname || '市民' } : null,
    ...(record.callerContact ? { callerContact: access.callerContact ? record.callerContact : null } : {}),
    isMine,
    receipt: isMine ? record.lastHash.slice(0, 16) : null,
    viewer: {
      isReporter: isMine,
      isClaimer: record.claim !== null && record.claim.userId === viewer.openid,
      isJointHandler: record.jointHandlers.some((handler) => handler.openid === viewer.openid),
    },
    isFollowing: record.followers.includes(viewer.openid),
    followerCount: record.followers.length,
    major: record.major,
    deadlineAt: record.deadlineAt,
    card: record.card,
    supervised: record.supervision !== null,
    signOffs: record.signOffs.map((unit) => districtUnitLabels[unit]),
    jointHandlers: access.jointHandlers ? record.jointHandlers.map((handler) => handler.nickname) : [],
    disputeCount: record.disputeCount,
    rating: record.rating,
    resolution: record.resolution
      ? {
          code: record.resolution.code,
          label:
            record.resolution.code === contentRejectionCode
              ? screeningStateLabels.rejected
              : (rejectReasons[record.resolution.code as RejectReason] ?? record.resolution.code),
          // A merge's note only names the case it went into; why a case was refused stays with the full view.
          note: access.allNotes || record.resolution.mergedInto ? record.resolution.note : '',
          ...(record.resolution.mergedInto ? { mergedInto: record.resolution.mergedInto } : {}),
        }
      : null,
    // Where its content checks stand, for those who see the case in full (the reporter, staff).
    ...(access.full && record.screening
      ? {
          screening: {
            state: record.screening.state,
            label: screeningStateLabels[record.screening.state],
          },
        }
      : {}),
    waitingSince: record.waitingSince,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  }
}

/**
 * The evidence photos of a trail whose checks the view depends on, by photo id: those not among the case's
 * own photos (which its screening governs), for a viewer who sees evidence. Empty when nothing needs
 * looking up (no such photos, or a viewer shown no evidence).
 */
export function evidenceToCheck(
  trail: readonly CaseEvent[],
  record: Pick<CaseRecord, 'photos'>,
  access: CaseAccess,
): string[] {
  if (!access.photos) return []
  const own = new Set(record.photos)
  const ids = new Set<string>()
  for (const event of trail)
    for (const fileID of event.evidence) {
      const id = own.has(fileID) ? null : photoIdOf(fileID)
      if (id) ids.add(id)
    }
  return [...ids]
}

/**
 * An event's evidence as the viewer may see it: a case photo as the case's screening says (all but a risky
 * one, but to staff), another as its own check says (see `heldEvidence`), from `checks` by photo id.
 */
function evidenceOf(
  event: CaseEvent,
  record: CaseRecord,
  viewer: Actor,
  checks: ReadonlyMap<string, EvidenceCheck>,
): Pick<EventView, 'evidence' | 'heldEvidence' | 'awaitingReview'> {
  const staff = isStaff(viewer.role)
  const own = new Set(record.photos)
  const evidence: string[] = []
  const held: HeldEvidence[] = []
  const awaitingReview: { photoId: string; photo: string }[] = []
  for (const fileID of event.evidence) {
    const id = photoIdOf(fileID)
    if (own.has(fileID)) {
      if (staff || !photoHidden(record.screening, id)) evidence.push(fileID)
      continue
    }
    const check = id ? checks.get(id) : undefined
    const { shown, held: note } = evidenceShown(check, { openid: viewer.openid, staff })
    if (shown) evidence.push(fileID)
    if (note) held.push(note)
    if (staff && id && check && awaitsPerson(check)) awaitingReview.push({ photoId: id, photo: fileID })
  }
  return { evidence, heldEvidence: held, ...(awaitingReview.length ? { awaitingReview } : {}) }
}

/**
 * One event of a case's trail as the viewer may see it, under the access decided for the whole case, with
 * its evidence photos' checks (`evidenceToCheck` says which to look up) applied as it is read.
 */
export function toEventView(
  event: CaseEvent,
  record: CaseRecord,
  viewer: Actor,
  access: CaseAccess,
  checks: ReadonlyMap<string, EvidenceCheck> = new Map(),
): EventView {
  const label = caseCommandLabels[event.type as CaseCommand] ?? event.type
  const isSelf = event.actorId === viewer.openid
  let actorLabel: string
  if (event.actorRole === 'system') actorLabel = '系统'
  else if (event.actorId === record.reporterId) {
    // The reporter is named to himself, and in the full view unless anonymous; a public summary names no reporter.
    if (isSelf || access.reporter) actorLabel = event.actorNickname || '市民'
    else actorLabel = record.anonymous ? '匿名市民' : '市民'
  } else if (!isStaff(event.actorRole) && !isSelf && !access.full) {
    // Other residents who joined a case are not named to the public either.
    actorLabel = roleLabels[event.actorRole]
  } else actorLabel = `${roleLabels[event.actorRole]} ${event.actorNickname}`.trim()
  return {
    seq: event.seq,
    type: event.type,
    label,
    actorLabel,
    from: event.from,
    to: event.to,
    // A note WeChat did not pass outright stays with those who see the case in full.
    note: access.allNotes || (publicNoteEvents.has(event.type) && !heldText(event)) ? event.note : '',
    ...(access.photos ? evidenceOf(event, record, viewer, checks) : { evidence: [], heldEvidence: [] }),
    at: event.at,
  }
}

/** An event whose words were held for review or could not be checked (see checkTexts). */
function heldText(event: CaseEvent): boolean {
  const verdict = event.details.textCheck
  return verdict === 'review' || verdict === 'unchecked'
}
