import { z } from '../shared/zod'
import { fileIdSchema } from '../shared/contract-kit'

/** The input schemas of the photos context's actions (the client's; the answers are in ./contract). */
export const photoInputs = {
  'photo.prepare': z.object({}).default({}),
  'photo.register': z.object({ fileID: fileIdSchema }),
} as const
