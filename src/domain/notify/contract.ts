import { z } from '../shared/zod'
import { pageInput, pageOf } from '../shared/contract-kit'

export const notificationViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
})

/** The in-app notification list: everything the functions queued for the caller. */
export const notifyActions = {
  'notification.list': { input: z.object(pageInput), output: pageOf(notificationViewSchema) },
} as const
