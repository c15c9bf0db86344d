/**
 * The order of rows a sort leaves tied: a hash of the request's salt and the row's id, so ties come back
 * in an order drawn afresh for each request, never insertion order. Like MongoDB, pages sorted without a
 * unique last key (`_id`) may then repeat or skip rows, which tests can see. SQLite calls the same function
 * (`bg_tie`) when it orders index entries.
 */

/** FNV-1a over the salt and the id's type and value. */
export function tieKey(salt: number, id: unknown): number {
  let hash = (0x811c9dc5 ^ salt) >>> 0
  for (const char of `${typeof id}:${String(id)}`) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}
