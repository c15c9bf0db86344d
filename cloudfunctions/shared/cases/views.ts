import { findCategory, findCheck, type CategoryCatalog } from '../../../src/domain/case/categories'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import { caseCommandLabels, caseStatusLabels, type CaseCommand } from '../../../src/domain/case/status'
import type { CaseView, EventView } from '../../../src/domain/contract'
import { coarsen } from '../../../src/domain/shared/geo'
import type { GridTree } from '../../../src/domain/grid/tree'
import { rejectReasons, type RejectReason } from '../../../src/domain/case/policy'
import { districtUnitLabels, isStaff, roleLabels, type Actor } from '../../../src/domain/people/roles'

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
 * What a viewer may see of a case: the reporter and staff see it in full (staff never see an anonymous
 * reporter); anyone else gets a public summary with a coarse location and no reporter.
 */
export function toCaseView(
  record: CaseRecord,
  viewer: Actor,
  tree: GridTree,
  catalog: CategoryCatalog,
): CaseView {
  const isMine = record.reporterId === viewer.openid
  const fullView = isMine || isStaff(viewer.role)
  const category = findCategory(record.categoryId, catalog)
  const check = findCheck(record.categoryId, record.checkId, catalog)
  const showReporter = isMine || (fullView && !record.anonymous)
  return {
    id: record._id,
    caseNo: record.caseNo,
    status: record.status,
    statusLabel: caseStatusLabels[record.status],
    categoryId: record.categoryId,
    categoryName: category?.name ?? record.categoryId,
    checkId: record.checkId,
    checkName: check?.name ?? record.checkId,
    description: record.description,
    photos: record.photos,
    location: fullView ? record.location : coarsen(record.location),
    address: fullView ? record.address : '',
    anonymous: record.anonymous,
    channel: record.channel,
    grid: gridRef(tree, record.gridId),
    claimedBy: record.claim ? { nickname: record.claim.nickname, at: record.claim.at } : null,
    reporter: showReporter ? { nickname: record.reporterNickname || '市民' } : null,
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
    jointHandlers: fullView ? record.jointHandlers.map((handler) => handler.nickname) : [],
    disputeCount: record.disputeCount,
    rating: record.rating,
    resolution: record.resolution
      ? {
          code: record.resolution.code,
          label: rejectReasons[record.resolution.code as RejectReason] ?? record.resolution.code,
          note: record.resolution.note,
          ...(record.resolution.mergedInto ? { mergedInto: record.resolution.mergedInto } : {}),
        }
      : null,
    waitingSince: record.waitingSince,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  }
}

export function toEventView(event: CaseEvent, record: CaseRecord, viewer: Actor): EventView {
  const label = caseCommandLabels[event.type as CaseCommand] ?? event.type
  const isSelf = event.actorId === viewer.openid
  let actorLabel: string
  if (event.actorRole === 'system') actorLabel = '系统'
  else if (event.actorId === record.reporterId) {
    // The reporter is named to himself, and to staff unless anonymous; a public summary names no reporter.
    if (isSelf || (isStaff(viewer.role) && !record.anonymous)) actorLabel = event.actorNickname || '市民'
    else actorLabel = record.anonymous ? '匿名市民' : '市民'
  } else if (!isStaff(event.actorRole) && !isSelf && !isStaff(viewer.role)) {
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
    note: event.note,
    evidence: event.evidence,
    at: event.at,
  }
}
