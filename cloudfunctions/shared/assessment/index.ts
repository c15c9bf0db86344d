import type { assessmentActions } from '../../../src/domain/assessment/contract'
import type { HandlerMap } from '../api/handler'
import type { Job } from '../jobs/job'
import { assessmentSchema } from './collections'
import { draftAssessment, listAssessments, publishAssessment } from './handlers'

const handlers: HandlerMap<keyof typeof assessmentActions> = {
  'assessment.draft': draftAssessment,
  'assessment.publish': publishAssessment,
  'assessment.list': listAssessments,
}

const jobs: Job[] = []

/** The monthly assessment of streets, communities and grids, from the desk's figures. */
export const assessmentContext = { name: 'assessment', handlers, jobs, ...assessmentSchema }
