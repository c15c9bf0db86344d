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

/**
 * What `wx.requestSubscribeMessage` answered: the template ids the user tapped "allow" for (each tap allows
 * one message of that template). WeChat asks for at most 3 templates at a time.
 */
export const subscribeInput = z.object({
  accepted: z
    .array(z.string().min(1, '模板编号不能为空').max(128, '模板编号过长'))
    .max(3, '一次最多订阅 3 个模板'),
})

/** The in-app notification list: everything the functions queued for the caller. */
export const notifyActions = {
  'notification.list': { input: z.object(pageInput), output: pageOf(notificationViewSchema) },
  /** Records accepted subscriptions: the sends the user allowed, per template; answers what is left. */
  'notification.subscribe': {
    input: subscribeInput,
    output: z.object({ remaining: z.record(z.string(), z.number().int().nonnegative()) }),
  },
} as const
