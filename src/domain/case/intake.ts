import type { GridNode } from '../grid/tree'
import { placeCellOf, type Gcj02Point } from '../shared/geo'
import { openFigures } from '../reports/case-figures'
import { deskFieldsOf } from '../reports/case-desk'
import { notice } from './notifications'
import type { CallerContact, CaseChannel, CaseRecord } from './record'
import { transitionAllowed } from './status'
import type { Screening } from '../content/screening'
import {
  draftEvent,
  type CaseActor,
  type DecideContext,
  type DraftedEvent,
  type NotificationIntent,
} from './acts/kit'

/**
 * What any channel brings to open a case: the resident's report, a patrol find, an operator's entry of a
 * caller's complaint, a monitoring station's episode. Already checked by the channel (its schema, its
 * refusals); what follows is the same for all.
 */
export interface CaseIntake {
  channel: CaseChannel
  categoryId: string
  checkId: string
  description: string
  photos: string[]
  /** GCJ-02. */
  location: Gcj02Point
  accuracyMeters: number | null
  address: string
  anonymous: boolean
  /** Marked major by whoever brought it in; a category in the policy's major list makes it major anyway. */
  major: boolean
  /**
   * Who the case is reported by: a person's account, or for a case the system opened, a label that is no
   * account (e.g. `station:<id>`), so that no one is the reporter of it and no notice is addressed to it.
   */
  reporter: { id: string; nickname: string; isPerson: boolean }
  /** What makes the intake unique to its channel, so that a retried intake finds the first case. */
  requestKey: string
  /** A complaint caller's contact, kept for the handling staff only. */
  callerContact?: CallerContact
}

/** What the server found out before the case can be opened: its id and number, and the grid it is routed to. */
export interface IntakeFacts {
  caseId: string
  caseNo: string
  grid: GridNode
  /** WeChat's verdict on the intake's words, and its photos waiting for theirs (absent: nothing checked). */
  screening?: Screening
}

export interface OpenedCase {
  record: CaseRecord
  event: DraftedEvent
  notify: NotificationIntent[]
}

/**
 * Opens a case from any channel: the new record on the located grid's board as `pending`, its first event
 * (unsealed) and whom to tell: the grid's staff, a reporting person, and for a major event the district at
 * once. Pure; the caller persists the three together. Every channel comes through here, so a case follows
 * the same lifecycle whatever brought it in.
 */
export function openCase(
  intake: CaseIntake,
  actor: CaseActor,
  facts: IntakeFacts,
  ctx: DecideContext,
): OpenedCase {
  // As for every act, the table is the one authority: submit opens a case as pending.
  if (!transitionAllowed('submit', 'none', 'pending'))
    throw new Error('submit: none → pending is not in the table')
  const { grid } = facts
  const { tree, now, policy } = ctx
  const at = now.toISOString()
  const major = intake.major || policy.majorCategoryIds.includes(intake.categoryId)
  const lineage = tree.lineage(grid._id)
  const opened: CaseRecord = {
    _id: facts.caseId,
    caseNo: facts.caseNo,
    status: 'pending',
    categoryId: intake.categoryId,
    checkId: intake.checkId,
    description: intake.description,
    photos: intake.photos,
    location: intake.location,
    placeCell: placeCellOf(intake.location),
    accuracyMeters: intake.accuracyMeters,
    address: intake.address,
    anonymous: intake.anonymous,
    channel: intake.channel,
    reporterId: intake.reporter.id,
    reporterNickname: intake.reporter.nickname,
    ...(intake.callerContact ? { callerContact: intake.callerContact } : {}),
    gridId: grid._id,
    gridPath: lineage.map((node) => node._id),
    claim: null,
    requestKey: intake.requestKey,
    createdAt: at,
    updatedAt: at,
    unclaimedAlertAt: null,
    waitingSince: at,
    originGridId: grid._id,
    awayFromOrigin: false,
    major,
    deadlineAt: null,
    card: 'none',
    supervision: null,
    signOffs: [],
    jointHandlers: [],
    followers: [],
    disputeCount: 0,
    verifiedAt: null,
    rating: null,
    resolution: null,
    eventCount: 0,
    lastHash: '',
    ...(facts.screening ? { screening: facts.screening } : {}),
  }
  const deadlineAt = ctx.deadlineFor(opened, grid.level)
  // The first deadline rides on the event, as every deadline an act sets does (the desk's figures read it).
  const details = {
    major,
    channel: opened.channel,
    deadlineAt,
    ...(facts.screening ? { screening: facts.screening.state, textCheck: facts.screening.text } : {}),
  }
  const figures = openFigures({ type: 'submit', at, actorRole: actor.role, gridId: grid._id, details })
  const record: CaseRecord = {
    ...opened,
    deadlineAt,
    eventCount: 1,
    ...deskFieldsOf(figures, opened.categoryId, tree),
  }
  const event = draftEvent(
    opened,
    {
      command: 'submit',
      from: 'none',
      to: record.status,
      patch: {},
      note: `转办至${tree.label(grid._id)}`,
      evidence: intake.photos,
      details,
    },
    actor,
    at,
  )
  const district = lineage.find((node) => node.level === 'district')
  const notify = [
    notice('new-case', { record }),
    ...(intake.reporter.isPerson ? [notice('case-routed', { record })] : []),
    ...(record.major && district ? [notice('major-event', { record, district })] : []),
  ]
  return { record, event, notify }
}
