import { messageData, nextAttemptAt, templateFor } from '../../../src/domain/notify/subscription'
import { relayTrigger, type Job, type JobControl, type SweepReport } from '../jobs/job'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import type { OpenApiAnswer } from '../runtime/wechat'
import type { OutboxEntry } from './outbox'
import { SubscriptionQuota } from './quota'

const batchSize = 50

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

/**
 * Delivers due outbox entries as subscription messages, at most once each: an entry is claimed by a
 * conditional write (`pending` → `sending`) before the call and settled after it, so two overlapping runs
 * cannot both send it, and one killed between the call and the settle leaves it in `sending`, which no run
 * resends (a missed message over a doubled one; WeChat cannot be asked whether it delivered). A send
 * first takes one of the user's accepted sends for that template, conditionally; a message WeChat did not
 * deliver gives it back.
 */
export async function runSender(runtime: Runtime, control: JobControl, job = 'send'): Promise<SenderReport> {
  const stores = storesFor(runtime)
  const report: SenderReport = { job, acted: 0, sent: 0, retried: 0, noSendsLeft: 0, failed: 0 }
  // Entries this run already handled: a retry scheduled for "now" (a zero delay) waits for the next run.
  const seen = new Set<string>()
  for (;;) {
    const due = (await stores.outbox.due(runtime.now(), batchSize)).filter((entry) => !seen.has(entry._id))
    if (due.length === 0) break
    for (const entry of due) {
      seen.add(entry._id)
      await deliver(runtime, entry, report)
      if (control.timeUp()) return report
    }
  }
  return report
}

async function deliver(runtime: Runtime, entry: OutboxEntry, report: SenderReport): Promise<void> {
  const outbox = storesFor(runtime).outbox
  const table = runtime.settings.subscriptions
  const openid = 'openid' in entry.audience ? entry.audience.openid : undefined
  const now = runtime.now()
  if (!(await outbox.claim(entry, now))) return
  report.acted += 1
  const template = templateFor(table, entry.kind)
  if (!openid || !template) return outbox.settle(entry, { state: 'in-app' })
  const quota = quotaFor(runtime)
  if (!(await quota.take(openid, template.templateId))) {
    report.noSendsLeft += 1
    return outbox.settle(entry, { state: 'no-sends-left' })
  }
  const attempts = entry.delivery.attempts + 1
  let answer: OpenApiAnswer
  try {
    answer = await runtime.wechat.call('subscribeMessage.send', {
      touser: openid,
      templateId: template.templateId,
      page: entry.message.page,
      data: messageData(template, {
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
  if (answer.errCode === 0) {
    report.sent += 1
    return outbox.settle(entry, { state: 'sent', attempts }, runtime.now().toISOString())
  }
  const failure = { attempts, errCode: answer.errCode, errMsg: answer.errMsg.slice(0, 200) }
  if (answer.errCode === noSendsLeft) {
    await quota.exhaust(openid, template.templateId, now)
    report.noSendsLeft += 1
    return outbox.settle(entry, { state: 'no-sends-left', ...failure })
  }
  await quota.giveBack(openid, template.templateId)
  if (transientCodes.has(answer.errCode) && attempts < table.retry.maxAttempts) {
    report.retried += 1
    const nextAt = nextAttemptAt(table.retry, attempts, now).toISOString()
    return outbox.settle(entry, { state: 'pending', nextAttemptAt: nextAt, ...failure })
  }
  report.failed += 1
  return outbox.settle(entry, { state: 'failed', ...failure })
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
