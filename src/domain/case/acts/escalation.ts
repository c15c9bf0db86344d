import { escalationReasons } from '../policy'
import { notice } from '../notifications'
import { coversCase, inScope, isClaimer, isSystem } from './guards'
import { guard, refuse, type ActFamily, type CaseActor } from './kit'

/** The timer escalates any case; people escalate what they claimed or what lies in their grids. */
const mayEscalate = guard(
  'mayEscalate',
  (scope) => isSystem(scope) || isClaimer(scope) || coversCase(scope),
  'forbidden',
  '该问题不在您负责的网格内',
)
const belowDistrict = guard(
  'belowDistrict',
  ({ level }) => level !== 'district' && level !== 'city',
  'illegal-transition',
  '区级问题需经区大气办和区长效办会签后报送市级',
)
const hasParentGrid = guard(
  'hasParentGrid',
  ({ grid }) => Boolean(grid?.parentId),
  'illegal-transition',
  '没有可以上报的上级网格',
)
const atDistrict = guard(
  'atDistrict',
  ({ level }) => level === 'district',
  'illegal-transition',
  '问题需先上报到区级，才能申请报送市级',
)

/** The district unit signing for the city, if the actor is one of the two that must. */
function signingUnit(actor: CaseActor) {
  const unit = actor.role === 'district_office' ? actor.districtUnit : undefined
  return unit === 'air_office' || unit === 'long_term_office' ? unit : undefined
}
const isSigningUnit = guard(
  'isSigningUnit',
  ({ actor }) => signingUnit(actor) !== undefined,
  'forbidden',
  '报送市级需由区大气办和区长效办会签',
)
const notSignedYet = guard(
  'notSignedYet',
  ({ record, actor }) => !record.signOffs.includes(signingUnit(actor)!),
  'illegal-transition',
  '本单位已会签，等待另一单位会签',
)

/** Moving a case up the grid levels to the city, and back down. */
export const escalation: ActFamily<'escalate' | 'request-city' | 'sign-off' | 'send-back' | 'city-resolve'> =
  {
    escalate: {
      guards: [mayEscalate, belowDistrict, hasParentGrid],
      decide: (scope) => {
        const { record, act, ctx } = scope
        const parentId = scope.grid!.parentId!
        const parent = ctx.tree.get(parentId)!
        return scope.accept('pending', scope.landOn(parentId), {
          note: act.note,
          details: {
            reason: act.reason,
            reasonLabel: escalationReasons[act.reason],
            fromGridId: record.gridId,
            toGridId: parentId,
          },
          notify: [notice('case-escalated', { record, act, parent })],
        })
      },
    },
    'request-city': {
      guards: [inScope, atDistrict],
      decide: (scope) =>
        scope.accept(
          'awaiting-signoff',
          { claim: null, signOffs: [] },
          { note: scope.act.note, notify: [notice('signoff-requested', scope)] },
        ),
    },
    // One signature keeps the case waiting for the other unit; the second sends it to the city.
    'sign-off': {
      guards: [isSigningUnit, inScope, notSignedYet],
      decide: ({ record, act, actor, ctx, accept }) => {
        const unit = signingUnit(actor)!
        const signOffs = [...record.signOffs, unit]
        const complete = signOffs.includes('air_office') && signOffs.includes('long_term_office')
        return accept(
          complete ? 'at-city' : 'awaiting-signoff',
          { signOffs, ...(complete ? { deadlineAt: ctx.deadlineFor(record, 'city') } : {}) },
          { note: act.note, details: { unit, complete } },
        )
      },
    },
    // One level down the way the case came up, towards the grid it was first routed to.
    'send-back': {
      guards: [inScope],
      decide: (scope) => {
        const { record, act, ctx } = scope
        const origin = ctx.tree.lineage(record.originGridId).map((node) => node._id)
        const here = origin.indexOf(record.gridId)
        if (here <= 0) return refuse('illegal-transition', '该问题已在最初的网格，无法再退回')
        const target = origin[here - 1]!
        if (!act.note.trim()) return refuse('invalid-input', '退回时请写明处置要求')
        return scope.accept(
          'pending',
          { ...scope.landOn(target), signOffs: [] },
          {
            note: act.note,
            details: { fromGridId: record.gridId, toGridId: target },
            notify: [notice('case-sent-back', { record, act, target })],
          },
        )
      },
    },
    'city-resolve': {
      guards: [inScope],
      decide: (scope) =>
        scope.accept(
          'rectified',
          { deadlineAt: null, cityResolvedBy: scope.actor.openid },
          { note: scope.act.note },
        ),
    },
  }
