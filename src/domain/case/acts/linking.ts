import { isStaff } from '../../people/roles'
import { districtOf } from '../../people/scope'
import { distanceMeters } from '../../shared/geo'
import { coversCase, isReporter } from './guards'
import { guard, refuse, type ActFamily, type ActScope } from './kit'

const staffCovering = (scope: ActScope) =>
  scope.actor.role !== 'system' && isStaff(scope.actor.role) && coversCase(scope)
/** Staff who cover the case, or its reporter (who picks from the sites suggested near the report). */
const mayLink = guard(
  'mayLink',
  (scope) => staffCovering(scope) || isReporter(scope),
  'forbidden',
  '只有举报人或负责该问题的网格工作人员可以关联污染源',
)
const notLinkedYet = guard(
  'notLinkedYet',
  ({ record }) => record.siteId === undefined,
  'conflict',
  '该问题已关联污染源档案',
)

/**
 * Linking a case to a registered site (一企一档): the case stays where it is, and the event names the site, so
 * that the link is part of the case's trail (the site's own history is kept by the sites feature). The site
 * must lie in the case's district; a reporter who is not staff covering the case may only pick one within
 * the suggestion radius of the case.
 */
export const linking: ActFamily<'link-site'> = {
  'link-site': {
    guards: [mayLink, notLinkedYet],
    decide: (scope) => {
      const { record, act, ctx } = scope
      if (districtOf(ctx.tree, [act.site.gridId]) !== districtOf(ctx.tree, [record.gridId]))
        return refuse('invalid-input', '该污染源不在问题所在的区')
      if (!staffCovering(scope) && distanceMeters(act.site.location, record.location) > act.reachMeters)
        return refuse('invalid-input', `只能关联问题位置${act.reachMeters}米以内的污染源`)
      return scope.accept(
        record.status,
        { siteId: act.site.id },
        {
          note: act.site.name,
          details: { siteId: act.site.id, siteName: act.site.name, siteType: act.site.type },
        },
      )
    },
  },
}
