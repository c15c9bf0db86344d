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

/** The delivery states an operator looks into: given up, held by a send, or the person's sends used up. */
export const deliveryProblemStates = ['failed', 'sending', 'no-sends-left'] as const
export type DeliveryProblemState = (typeof deliveryProblemStates)[number]
export const deliveryStateLabels: Record<DeliveryProblemState, string> = {
  failed: '发送失败',
  sending: '发送中',
  'no-sends-left': '用户未订阅',
}

/** A subscription message as the district office's operator sees it: never whom it is for, only what. */
export const deliveryViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  title: z.string(),
  state: z.enum(deliveryProblemStates),
  stateLabel: z.string(),
  attempts: z.number().int(),
  /** WeChat's errcode of the last failed attempt (-1: the call threw), null when there was none. */
  errCode: z.number().int().nullable(),
  errMsg: z.string(),
  createdAt: z.string(),
  claimedAt: z.string().nullable(),
  /** Held by a send for longer than any run lasts: that run stopped, and WeChat may or may not have delivered it. */
  stuck: z.boolean(),
  /** Only a failed send may be tried again: a stuck one may have arrived, and no one gets a message twice. */
  canResend: z.boolean(),
})
export type DeliveryView = z.infer<typeof deliveryViewSchema>

/** The in-app notification list: everything the functions queued for the caller. */
export const notifyActions = {
  'notification.list': { input: z.object(pageInput), output: pageOf(notificationViewSchema) },
  /** Records accepted subscriptions: the sends the user allowed, per template; answers what is left. */
  'notification.subscribe': {
    input: subscribeInput,
    output: z.object({ remaining: z.record(z.string(), z.number().int().nonnegative()) }),
  },
  /** The district office's view of its district's messages that did not go out, by state, oldest due first. */
  'notification.deliveries': {
    input: z.object({
      state: z.enum(deliveryProblemStates, { error: '请选择发送状态' }).default('failed'),
      ...pageInput,
    }),
    output: pageOf(deliveryViewSchema),
  },
  /** Queues a failed message for one more attempt (the district office's, in its district). */
  'notification.resend': {
    input: z.object({ id: z.string({ error: '请选择消息' }).min(1, { error: '请选择消息' }).max(200) }),
    output: z.object({ delivery: deliveryViewSchema }),
  },
} as const
