import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { deliveryProblemStates, notifyInputs } from './inputs'

export * from './inputs'

export const notificationViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
})

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
  'notification.list': { input: notifyInputs['notification.list'], output: pageOf(notificationViewSchema) },
  /** Records accepted subscriptions: the sends the user allowed, per template; answers what is left. */
  'notification.subscribe': {
    input: notifyInputs['notification.subscribe'],
    output: z.object({ remaining: z.record(z.string(), z.number().int().nonnegative()) }),
  },
  /** The district office's view of its district's messages that did not go out, by state, oldest due first. */
  'notification.deliveries': {
    input: notifyInputs['notification.deliveries'],
    output: pageOf(deliveryViewSchema),
  },
  /** Queues a failed message for one more attempt (the district office's, in its district). */
  'notification.resend': {
    input: notifyInputs['notification.resend'],
    output: z.object({ delivery: deliveryViewSchema }),
  },
} as const
