import { z } from './shared/zod'
import { caseActions } from './case/contract'
import { notifyActions } from './notify/contract'
import { patrolActions } from './patrol/contract'
import { photoActions } from './photos/contract'
import { peopleActions } from './people/contract'
import { gridActions } from './grid/contract'
import { rewardsActions } from './rewards/contract'
import { reportsActions } from './reports/contract'
import { weeklyActions } from './reports/weekly-contract'
import { assessmentActions } from './assessment/contract'
import { supervisionActions } from './supervision/contract'
import { intakeActions } from './intake/contract'
import { alertActions } from './alerts/contract'
import { open311Actions } from './open311/contract'
import { exportActions } from './exports/contract'
import { siteActions } from './sites/contract'
import { deskActions } from './desk/contract'

export * from './shared/contract-kit'
export * from './grid/contract'
export * from './people/contract'
export * from './case/contract'
export * from './notify/contract'
export * from './rewards/contract'
export * from './patrol/contract'
export * from './photos/contract'
export * from './reports/contract'
export * from './reports/weekly-contract'
export * from './assessment/contract'
export * from './supervision/contract'
export * from './intake/contract'
export * from './alerts/contract'
export * from './open311/contract'
export * from './exports/contract'
export * from './sites/contract'
export * from './desk/contract'

/**
 * The one contract between client and cloud functions: action name → input schema → output schema, composed
 * from every context's actions. The api function parses every payload with these; the client validates forms
 * with the same schemas.
 */
export const actions = {
  ...peopleActions,
  ...gridActions,
  ...caseActions,
  ...notifyActions,
  ...rewardsActions,
  ...patrolActions,
  ...photoActions,
  ...reportsActions,
  ...weeklyActions,
  ...assessmentActions,
  ...supervisionActions,
  ...intakeActions,
  ...alertActions,
  ...open311Actions,
  ...exportActions,
  ...siteActions,
  ...deskActions,
} as const

export type ActionName = keyof typeof actions
export const actionNames = Object.keys(actions) as ActionName[]

/**
 * Every action that changes nothing (a search's own quota aside): exempt from the per-caller write limit
 * (policy.writeLimit). Every action not listed is a write and takes a place in the caller's window.
 */
export const readActions = [
  'me.get',
  'patrol.round',
  'case.get',
  'case.mine',
  'case.nearby',
  'case.handlerCandidates',
  'case.verifyTrail',
  'trail.checkpoints',
  'board.list',
  'grid.cards',
  'notification.list',
  'notification.deliveries',
  'invite.options',
  'invite.list',
  'invite.preview',
  'staff.list',
  'photo.prepare',
  'stats.overview',
  'stats.cases',
  'points.mine',
  'points.ledger',
  'points.leaderboard',
  'award.list',
  'assessment.list',
  'report.weekly.list',
  'report.weekly.get',
  'supervision.list',
  'supervision.bulletin',
  'station.episode',
  'station.list',
  'alert.current',
  'alert.list',
  'open311.key.list',
  'export.get',
  'export.list',
  'site.get',
  'site.list',
  'site.nearby',
  'desk.map',
] as const satisfies readonly ActionName[]
const readActionSet: ReadonlySet<string> = new Set(readActions)

/** Whether an action only reads (see readActions). */
export function isReadAction(name: ActionName): boolean {
  return readActionSet.has(name)
}
export type ActionInput<A extends ActionName> = z.input<(typeof actions)[A]['input']>
export type ActionParsedInput<A extends ActionName> = z.output<(typeof actions)[A]['input']>
export type ActionOutput<A extends ActionName> = z.output<(typeof actions)[A]['output']>

/** What the api function receives: `{ action, payload }`; identity is never part of it. */
export const apiRequestSchema = z.object({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
})
