import type { CollectionDeclaration } from '../db/declaration'

export const caseSchema = {
  collections: { case: 'case', caseEvent: 'case_event', trailCheckpoint: 'trail_checkpoint' },
  // Every query the store makes is served by one of these (the emulator refuses any other): the filtered
  // fields lead, the sort follows. `gridPath` holds the case's grid and its ancestors, so one entry per
  // level puts a case on every board above it.
  indexes: [
    // Boards: all, unclaimed, mine, overdue (also counted for grid cards), escalated to this grid.
    { collection: 'case', fields: ['gridPath', 'createdAt', '_id'] },
    { collection: 'case', fields: ['gridPath', 'status', 'createdAt', '_id'] },
    { collection: 'case', fields: ['gridPath', 'claim.userId', 'createdAt', '_id'] },
    { collection: 'case', fields: ['gridPath', 'status', 'deadlineAt', '_id'] },
    { collection: 'case', fields: ['gridId', 'awayFromOrigin', 'createdAt', '_id'] },
    // The 督查室: red-carded open cases by deadline, flagged ones newest flag first (also a day's flags).
    { collection: 'case', fields: ['gridPath', 'card', 'status', 'deadlineAt', '_id'] },
    { collection: 'case', fields: ['gridPath', 'status', 'supervision.at', '_id'] },
    // 我的举报: reported, or joined.
    { collection: 'case', fields: ['reporterId', 'createdAt', '_id'] },
    { collection: 'case', fields: ['followers', 'createdAt', '_id'] },
    // Nearby open cases of a category: the 0.002° place cells a search box touches.
    { collection: 'case', fields: ['categoryId', 'status', 'placeCell', 'createdAt', '_id'] },
    // Timer sweeps, each on its own range field.
    { collection: 'case', fields: ['status', 'unclaimedAlertAt', 'waitingSince', '_id'] },
    { collection: 'case', fields: ['status', 'card', 'deadlineAt', '_id'] },
    { collection: 'case', fields: ['status', 'waitingSince', '_id'] },
    { collection: 'case', fields: ['status', 'verifiedAt', '_id'] },
    // The relay: cases with events or notifications still to copy out.
    { collection: 'case', fields: ['relayPending', '_id'] },
    // The desk: the cases behind a figure hold one of its marks (`<node>|<indicator>|<day>`), newest first.
    { collection: 'case', fields: ['figureMarks', 'createdAt', '_id'] },
    // Content security: the cases naming a photo whose verdict arrived; cases still waiting for verdicts.
    { collection: 'case', fields: ['photos', '_id'] },
    { collection: 'case', fields: ['screening.state', 'createdAt', '_id'] },
    { collection: 'case_event', fields: ['caseId', 'seq'], unique: true },
    // Projections (the points job and the coming read models) read events after their cursor, in the
    // order the relay copied them.
    { collection: 'case_event', fields: ['feedAt', '_id'] },
    // Cards counted against grids in a month: bounded by a month's cards, not by the store.
    { collection: 'case_event', fields: ['type', 'gridId', 'at'] },
    // The daily checkpoints of the trails: a case's latest, and a day's for a district to keep.
    { collection: 'trail_checkpoint', fields: ['caseId', '-seq'] },
    { collection: 'trail_checkpoint', fields: ['day', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
