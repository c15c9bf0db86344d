/**
 * A request id for an idempotent submit: matches the contract's /^[\w-]+$/, 8–64 characters.
 * Not a secret, only unique enough that two drafts never share one.
 */
export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  let tail = ''
  while (tail.length < 12) tail += Math.floor(random() * 36).toString(36)
  return `r-${now.toString(36)}-${tail}`
}
