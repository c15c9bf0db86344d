import { z } from '../shared/zod'
import { pageInput } from '../shared/contract-kit'

/** The input schemas of the notify context's actions (the client's; the answers are in ./contract). */

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

export const notifyInputs = {
  'notification.list': z.object(pageInput),
  'notification.subscribe': subscribeInput,
  'notification.deliveries': z.object({
    state: z.enum(deliveryProblemStates, { error: '请选择发送状态' }).default('failed'),
    ...pageInput,
  }),
  'notification.resend': z.object({
    id: z.string({ error: '请选择消息' }).min(1, { error: '请选择消息' }).max(200),
  }),
} as const
