import type { LedgerItem } from './contract'

/** What the caps added to an entry's note ("（今日已有2次打卡计分，本次不计分）", "（已达每日积分上限，…）"). */
const capRemark = /（(?:今日已有|已达)[^（）]*）$/

/**
 * A ledger item as someone other than the person (and their district office) sees it: a patrol check-in says
 * that it was paid and what the caps did, not where it was (the place is in its note) nor which check-in.
 */
export function withoutPatrolPlace(item: LedgerItem): LedgerItem {
  if (item.reason !== 'patrol-check-in') return item
  return { ...item, note: `巡查打卡${capRemark.exec(item.note)?.[0] ?? ''}`, patrolId: null }
}
