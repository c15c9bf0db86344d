import type { CaseRecord } from '../case/record'
import { findCategory, findCheck, type CategoryCatalog } from '../case/categories'
import { rejectReasons, type RejectReason } from '../case/policy'
import { caseStatusLabels, openStatuses, type CaseStatus } from '../case/status'
import { caseAccess, publicAddress } from '../case/visibility'
import type { GridTree } from '../grid/tree'
import type { Viewer } from '../people/scope'
import { coarsen } from '../shared/geo'
import { gcj02ToWgs84 } from './coordinates'
import {
  checkAttributeCode,
  type Open311Service,
  type Open311ServiceDefinition,
  type Open311ServiceRequest,
  type Open311Status,
} from './spec'

/**
 * The pure mapping between BlueGrid and GeoReport v2: our categories as services (their checks as the one
 * attribute of each), and a case as a service request, from its public summary only.
 */

/** Every service's group: the catalog's nine items are all one programme's (随手拍 of air pollution). */
export const serviceGroup = '大气污染防治'

/** GET services: each category of the catalog, in its order; its checks are the attribute to answer. */
export function servicesOf(catalog: CategoryCatalog): Open311Service[] {
  return catalog.categories.map((category) => ({
    service_code: category.id,
    service_name: category.name,
    description: category.hint,
    metadata: true,
    type: 'realtime',
    keywords: category.checks.map((check) => check.name).join(','),
    group: serviceGroup,
  }))
}

/** GET services/{code}: the category's checks as a required single-value list; undefined for no such code. */
export function serviceDefinitionOf(
  catalog: CategoryCatalog,
  serviceCode: string,
): Open311ServiceDefinition | undefined {
  const category = findCategory(serviceCode, catalog)
  if (!category) return undefined
  return {
    service_code: category.id,
    attributes: [
      {
        variable: true,
        code: checkAttributeCode,
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: `具体问题（${category.name}）`,
        values: category.checks.map((check) => ({ key: check.id, name: check.name })),
      },
    ],
  }
}

/** The spec's two states: a case is closed once it ended (closed, rejected, merged), open before. */
export function statusOf(status: CaseStatus): Open311Status {
  return openStatuses.includes(status) ? 'open' : 'closed'
}

/** The case statuses an Open311 status stands for. */
export function caseStatusesOf(status: Open311Status): CaseStatus[] {
  const open = new Set<CaseStatus>(openStatuses)
  return (Object.keys(caseStatusLabels) as CaseStatus[]).filter(
    (each) => open.has(each) === (status === 'open'),
  )
}

/**
 * Who reads through Open311: nobody in particular (the public), or, for a client that states its api_key, the
 * key itself, which is the reporter of the cases it posted (and so sees them while they are held for review).
 */
export function open311Viewer(keyId: string | null): Viewer {
  return { openid: keyId ? open311ReporterId(keyId) : 'open311:public', role: 'resident', gridIds: [] }
}

/** The reporter id of the cases an api key posts: no person's account. */
export const open311ReporterId = (keyId: string) => `open311:${keyId}`

/** Whether the viewer may see the case at all: as `caseAccess` decides for the public summary. */
export function visibleThroughOpen311(record: CaseRecord, viewer: Viewer, tree: GridTree): boolean {
  return caseAccess(record, viewer, tree).listed
}

/** Degrees to six places (about 0.1 m): more would only be noise from the datum conversion. */
const sixPlaces = (degrees: number) => Math.round(degrees * 1e6) / 1e6

/** What the public summary says about where a case stands, with the reason it ended when it ended. */
function statusNotesOf(record: CaseRecord): string {
  const label = caseStatusLabels[record.status]
  const resolution = record.resolution
  if (!resolution) return label
  if (resolution.mergedInto) return `${label}（并入 ${resolution.mergedInto}）`
  const reason = rejectReasons[resolution.code as RejectReason]
  return reason ? `${label}：${reason}` : label
}

/**
 * A case as a service request: its public summary and nothing more. The place is the summary's (GCJ-02
 * rounded to 0.001°, about 110 m north–south and 90 m east–west here) converted to WGS-84, as the spec states
 * its coordinates; the address is the community, not the reporter's line; no reporter, caller, handler,
 * photo or note is in it. The grid it sits on is the agency responsible.
 */
export function serviceRequestOf(
  record: CaseRecord,
  tree: GridTree,
  catalog: CategoryCatalog,
): Open311ServiceRequest {
  const place = gcj02ToWgs84(coarsen(record.location))
  const category = findCategory(record.categoryId, catalog)
  const check = findCheck(record.categoryId, record.checkId, catalog)
  const description = [check?.name, record.description].filter(Boolean).join('：')
  return {
    service_request_id: record._id,
    status: statusOf(record.status),
    status_notes: statusNotesOf(record),
    service_name: category?.name ?? record.categoryId,
    service_code: record.categoryId,
    description: description || null,
    agency_responsible: tree.get(record.gridId) ? tree.label(record.gridId) : null,
    service_notice: null,
    requested_datetime: record.createdAt,
    updated_datetime: record.updatedAt,
    expected_datetime: statusOf(record.status) === 'open' ? record.deadlineAt : null,
    address: publicAddress(tree, record.gridId),
    address_id: null,
    zipcode: null,
    lat: sixPlaces(place.lat),
    long: sixPlaces(place.long),
    media_url: null,
  }
}
