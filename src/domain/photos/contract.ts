import { z } from '../shared/zod'
import { photoInputs } from './inputs'

export * from './inputs'

/**
 * The photos context's actions. A client uploads a photo into its own folder (`photo.prepare` names it),
 * then registers the upload (`photo.register`) before naming it in a report, a rectification, a part or a
 * check-in: only registered uploads of the caller's own are accepted there.
 */
export const photoActions = {
  'photo.prepare': {
    input: photoInputs['photo.prepare'],
    /** The storage folder (cloudPath prefix, ending in `/`) the caller's uploads go to. */
    output: z.object({ prefix: z.string() }),
  },
  'photo.register': {
    input: photoInputs['photo.register'],
    /** The upload's fileID, which the caller names in what it sends next. */
    output: z.object({ fileID: z.string() }),
  },
} as const
