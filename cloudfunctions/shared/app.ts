import type { ActionName } from '../../src/domain/contract'
import type { ActionHandler } from './api/handler'
import { createApiHandler } from './api/router'
import { alertsContext } from './alerts'
import { exportsContext } from './exports'
import { assessmentContext } from './assessment'
import { casesContext } from './cases'
import { contentContext } from './content'
import { counterSchema } from './db/counters'
import type { DatabaseDeclaration } from './db/bootstrap'
import type { IndexDeclaration } from './db/declaration'
import { gridContext } from './grid'
import { jobsSchema } from './jobs/collections'
import { createJobsHandler } from './jobs/runner'
import { notifyContext } from './notify'
import { patrolContext } from './patrol'
import { photosContext } from './photos'
import { presentingPhotos } from './photos/urls'
import { peopleContext } from './people'
import { reportsContext } from './reports'
import { rewardsContext } from './rewards'
import { supervisionContext } from './supervision'
import { intakeContext } from './intake'
import { handleIntakeEvent } from './intake/http'
import { open311Context } from './open311'
import { handleOpen311Event } from './open311/http'
import { sitesContext } from './sites'
import { deskContext } from './desk'

/**
 * The composition root: every context contributes its handlers, jobs, collections and indexes, and this is
 * the one place that puts them together. A new context is added to this list and nowhere else.
 */
export const contexts = [
  peopleContext,
  gridContext,
  casesContext,
  contentContext,
  notifyContext,
  rewardsContext,
  patrolContext,
  photosContext,
  reportsContext,
  assessmentContext,
  supervisionContext,
  intakeContext,
  alertsContext,
  open311Context,
  exportsContext,
  sitesContext,
  deskContext,
] as const

/**
 * Every action in the contract has exactly one handler; the type makes a missing one a compile error. Their
 * answers show photos as temporary URLs, never as fileIDs.
 */
export const actionHandlers: { [A in ActionName]: ActionHandler<A> } = presentingPhotos({
  ...peopleContext.handlers,
  ...gridContext.handlers,
  ...casesContext.handlers,
  ...contentContext.handlers,
  ...notifyContext.handlers,
  ...rewardsContext.handlers,
  ...patrolContext.handlers,
  ...photosContext.handlers,
  ...reportsContext.handlers,
  ...assessmentContext.handlers,
  ...supervisionContext.handlers,
  ...intakeContext.handlers,
  ...alertsContext.handlers,
  ...open311Context.handlers,
  ...exportsContext.handlers,
  ...sitesContext.handlers,
  ...deskContext.handlers,
})

/** The jobs function's work, in order: case sweeps first, then the projections and awards that read them. */
export const jobs = contexts.flatMap((context) => context.jobs)

export const handleApiEvent = createApiHandler(actionHandlers, { ...casesContext.peopleReadWith })
export const handleJobsEvent = createJobsHandler(jobs)
/** The intake function's work: monitoring stations' signed readings, from the HTTP access service. */
export { handleIntakeEvent }
/** The open311 function's work: Open311 GeoReport v2 for civic apps, from the HTTP access service. */
export { handleOpen311Event }

/**
 * The one declaration of collections and indexes, composed from every context's own: the emulator creates
 * exactly these, and deploy applies the same list, so the two cannot drift.
 */
export const collections = {
  ...counterSchema.collections,
  ...jobsSchema.collections,
  ...peopleContext.collections,
  ...gridContext.collections,
  ...casesContext.collections,
  ...contentContext.collections,
  ...notifyContext.collections,
  ...rewardsContext.collections,
  ...patrolContext.collections,
  ...photosContext.collections,
  ...reportsContext.collections,
  ...assessmentContext.collections,
  ...supervisionContext.collections,
  ...intakeContext.collections,
  ...alertsContext.collections,
  ...open311Context.collections,
  ...exportsContext.collections,
  ...sitesContext.collections,
  ...deskContext.collections,
} as const

export const declaredIndexes: IndexDeclaration[] = [counterSchema, jobsSchema, ...contexts].flatMap(
  (context) => context.indexes.map((index) => ({ ...index, fields: [...index.fields] })),
)

/** Both lists in the shape `bootstrapDatabase` takes. */
export const databaseDeclaration: DatabaseDeclaration = {
  collections: Object.values(collections),
  indexes: declaredIndexes,
}
