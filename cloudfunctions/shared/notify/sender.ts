import { randomUUID } from 'node:crypto'
import {
  messageData,
  nextAttemptAt,
  templateFor,
  type SubscriptionTemplate,
} from '../../../src/domain/notify/subscription'
import { relayTrigger, type Job, type JobControl, type SweepReport } from '../jobs/job'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import type { OpenApiAnswer } from '../runtime/wechat'
import type { OutboxEntry } from './outbox'
import { quotaId, SubscriptionQuota } from './quota'

/** Entries claimed, and their sends taken, in one write each. */
const batchSize = 50
/** Calls to WeChat in flight at once: its answer, not the database, is the slow part of a send. */
const parallelSends = 5

/** No sends left: the user refused, or used every send they accepted. Recorded, never retried. */
export const noSendsLeft = 43101
/** WeChat's "system busy" and rate limits: worth another attempt later. Everything else is permanent. */
const transientCodes = new Set([-1, 45009, 45011])

export interface SenderReport extends SweepReport {
  sent: number
  retried: number
  noSendsLeft: number
  failed: number
}

const quotaByRuntime = new WeakMap<Runtime, SubscriptionQuota>()
const quotaFor = (runtime: Runtime) => {
  let quota = quotaByRuntime.get(runtime)
  if (!quota) quotaByRuntime.set(runtime, (quota = new SubscriptionQuota(runtime.db)))
  return quota
}

/** An entry of a batch, with the user's count it draws on (none for a message shown only in the app). */
interface Planned {
  entry: OutboxEntry
  template?: SubscriptionTemplate
  openid?: string
  quotaId?: string
}

/**
 * Delivers due outbox entries as subscription messages, at most once each. A batch is claimed by one
 * conditional write (`pending` → `sending`, marked with this run's token) before any call and settled
 * after, so two overlapping runs cannot both send an entry, and one killed between the call and the settle
 * leaves it in `sending`, which no run resends (a missed message over a doubled one; WeChat cannot be asked
 * whether it delivered). The batch's sends are taken from the users' accepted counts by conditional writes
 * too, oldest messages first, and a message WeChat did not deliver gives its send back.
 */
export async function runSender(runtime: Runtime, control: JobControl, job = 'send'): Promise<SenderReport> {
  const stores = storesFor(runtime)
  const report: SenderReport = { job, acted: 0, sent: 0, retried: 0, noSendsLeft: 0, failed: 0 }
  // Entries this run already handled: a retry scheduled for "now" (a zero delay) waits for the next run.
  const seen = new Set<string>()
  // A batch at least, however late the run: the jobs before it may have used its time.
  do {
    const due = (await stores.outbox.due(runtime.now(), batchSize)).filter((entry) => !seen.has(entry._id))
    if (due.length === 0) break
    for (const entry of due) seen.add(entry._id)
    await deliverBatch(runtime, control, due, report)
  } while (!control.timeUp())
  return report
}

function plan(runtime: Runtime, entry: OutboxEntry): Planned {
  const template = templateFor(runtime.settings.subscriptions, entry.kind)
  const openid = 'openid' in entry.audience ? entry.audience.openid : undefined
  return {
    entry,
    template,
    openid,
    quotaId: openid && template ? quotaId(openid, template.templateId) : undefined,
  }
}

const tally = (counts: Map<string, number>, id: string) => counts.set(id, (counts.get(id) ?? 0) + 1)

async function deliverBatch(
  runtime: Runtime,
  control: JobControl,
  due: OutboxEntry[],
  report: SenderReport,
): Promise<void> {
  const { outbox } = storesFor(runtime)
  const quotas = quotaFor(runtime)
  const token = randomUUID()
  const mine = (await outbox.claim(due, runtime.now(), token)).map((entry) => plan(runtime, entry))
  report.acted += mine.length
  const needs = new Map<string, number>()
  for (const { quotaId } of mine) if (quotaId) tally(needs, quotaId)
  const taken = await quotas.take(needs, token)
  // Each user's sends go to their oldest messages; the rest of theirs find none left.
  const sendable: Planned[] = []
  const noneLeft: string[] = []
  const inApp: string[] = []
  for (const planned of mine) {
    const { quotaId } = planned
    if (!quotaId) inApp.push(planned.entry._id)
    else if ((taken.get(quotaId) ?? 0) > 0) {
      taken.set(quotaId, taken.get(quotaId)! - 1)
      sendable.push(planned)
    } else noneLeft.push(planned.entry._id)
  }
  const sent: string[] = []
  const untried: string[] = []
  const givenBack = new Map<string, number>()
  let next = 0
  const sendNext = async (): Promise<void> => {
    for (let index = next++; index < sendable.length; index = next++) {
      const planned = sendable[index]!
      // The batch's first send is always tried, so that runs with little time still get through the queue.
      if (index > 0 && control.timeUp()) {
        untried.push(planned.entry._id)
        tally(givenBack, planned.quotaId!)
      } else if (await send(runtime, planned, token, report, givenBack)) sent.push(planned.entry._id)
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallelSends, sendable.length) }, sendNext))
  report.sent += sent.length
  await outbox.settle(sent, token, { state: 'sent', attempted: true }, runtime.now().toISOString())
  await outbox.settle(inApp, token, { state: 'in-app' })
  report.noSendsLeft += noneLeft.length
  await outbox.settle(noneLeft, token, { state: 'no-sends-left' })
  await outbox.release(untried, token)
  await quotas.giveBack(givenBack)
}

/** One call to WeChat. True when delivered; otherwise the entry is settled here with what WeChat said. */
async function send(
  runtime: Runtime,
  { entry, template, openid, quotaId }: Planned,
  token: string,
  report: SenderReport,
  givenBack: Map<string, number>,
): Promise<boolean> {
  const { outbox } = storesFor(runtime)
  const table = runtime.settings.subscriptions
  let answer: OpenApiAnswer
  try {
    answer = await runtime.wechat.call('subscribeMessage.send', {
      touser: openid!,
      templateId: template!.templateId,
      page: entry.message.page,
      data: messageData(template!, {
        caseNo: entry.caseNo,
        title: entry.title,
        body: entry.body || entry.title,
        at: entry.createdAt,
      }),
      lang: 'zh_CN',
    })
  } catch (error) {
    answer = { errCode: -1, errMsg: error instanceof Error ? error.message : String(error) }
  }
  if (answer.errCode === 0) return true
  const attempts = entry.delivery.attempts + 1
  const failure = { attempted: true, errCode: answer.errCode, errMsg: answer.errMsg.slice(0, 200) }
  if (answer.errCode === noSendsLeft) {
    await quotaFor(runtime).exhaust(quotaId!, runtime.now())
    report.noSendsLeft += 1
    await outbox.settle([entry._id], token, { state: 'no-sends-left', ...failure })
    return false
  }
  tally(givenBack, quotaId!)
  if (transientCodes.has(answer.errCode) && attempts < table.retry.maxAttempts) {
    report.retried += 1
    const nextAttempt = nextAttemptAt(table.retry, attempts, runtime.now()).toISOString()
    await outbox.settle([entry._id], token, { state: 'pending', nextAttemptAt: nextAttempt, ...failure })
    return false
  }
  report.failed += 1
  await outbox.settle([entry._id], token, { state: 'failed', ...failure })
  return false
}

/** The sender runs after each relay: every minute for people waiting, and after the sweep's relay. */
export const senderJobs: Job[] = [
  { name: 'send', after: 'relay', run: async (runtime, control) => [await runSender(runtime, control)] },
  {
    name: 'send-every-minute',
    trigger: relayTrigger,
    after: 'relay-every-minute',
    run: async (runtime, control) => [await runSender(runtime, control, 'send-every-minute')],
  },
]
