import type { HandlerMap } from '../api/handler'
import { screeningJob } from './media-check'

const handlers: HandlerMap<never> = {}

/**
 * WeChat content security: texts are checked in the acts that carry them (see text-check.ts), photos when
 * registered, and their verdicts come to the media-check function; this context's job settles the cases
 * still waiting. Its data lives on the case and the photo, so it declares no collection of its own.
 */
export const contentContext = {
  name: 'content',
  handlers,
  jobs: [screeningJob],
  collections: {},
  indexes: [],
} as const
