import { guard, type ActScope } from './kit'

// Who the actor is to the case. Identity is always the openid, never a nickname.
export const isClaimer = ({ record, actor }: ActScope) => record.claim?.userId === actor.openid
export const isReporter = ({ record, actor }: ActScope) => record.reporterId === actor.openid
export const isJointHandler = ({ record, actor }: ActScope) =>
  record.jointHandlers.some((handler) => handler.openid === actor.openid)
export const isSystem = ({ actor }: ActScope) => actor.role === 'system'
export const coversCase = (scope: ActScope) => scope.covers(scope.record.gridId)

/**
 * Staff never handle or check their own report: the points a report earns would otherwise be theirs to take
 * (report, claim, rectify, verify). The message says which act.
 */
export const notOwnReport = (message: string) =>
  guard('notOwnReport', (scope) => !isReporter(scope), 'forbidden', message)

/** The case lies in one of the actor's grids or below them. */
export const inScope = guard('coversCase', coversCase, 'forbidden', '该问题不在您负责的网格内')
