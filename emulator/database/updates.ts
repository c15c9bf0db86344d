/**
 * Turns the `data` of a `database.modifyDocument` request into something that rewrites documents.
 *
 * The SDK sends two kinds: `doc(id).set(x)` arrives with merge=false and a whole replacement
 * document; `update(x)` (doc or where) arrives with merge=true and operators such as
 * `{$set: {...}, $inc: {...}}` (plain fields were already folded into `$set` by the SDK).
 */
import { update as mingoUpdate } from 'mingo'
import { assertStorableKeys, cloneValue, generateId, isDocId, isPlainObject, type Doc } from './codec'
import { invalidParam, unsupportedOperator } from './errors'
import { UPDATE_OPERATORS } from './operators'

export interface WritePlan {
  /** Applies the write to `doc` (which may be mutated) and returns the resulting document. */
  apply(doc: Doc, query: Record<string, unknown>): Doc
  /** The document an upsert inserts when nothing matched. */
  upsertDoc(query: Record<string, unknown>): Doc
}

type Modifier = Record<string, Record<string, unknown>>

const MINGO_UPDATE_OPTIONS = { cloneMode: 'deep' as const, queryOptions: { scriptEnabled: false } }

function touchesId(path: string): boolean {
  return path === '_id' || path.startsWith('_id.')
}

/** A supplied `_id` in the query becomes the new document's id, as CloudBase does for `set`. */
function idForUpsert(query: Record<string, unknown>): string | number {
  const id = query._id
  return isDocId(id) ? id : generateId()
}

function compileReplacement(data: Record<string, unknown>): WritePlan {
  const { _id: suppliedId, ...fields } = data
  assertStorableKeys(fields)
  const withId = (id: unknown): Doc => {
    if (suppliedId !== undefined && suppliedId !== id) {
      throw invalidParam("set() must not change a document's _id")
    }
    if (!isDocId(id)) throw invalidParam('_id must be a non-empty string or a number')
    return { _id: id, ...cloneValue(fields) }
  }
  return {
    apply: (doc) => withId(doc._id),
    upsertDoc: (query) => withId(suppliedId ?? idForUpsert(query)),
  }
}

function compileModifier(data: Record<string, unknown>): Modifier {
  const keys = Object.keys(data)
  if (keys.length === 0) throw invalidParam('update data is empty')
  const operators = keys.filter((key) => key.startsWith('$'))
  if (operators.length === 0) return { $set: data }
  if (operators.length !== keys.length) {
    const plain = keys.filter((key) => !key.startsWith('$'))
    throw invalidParam(
      `update data mixes operators (${operators.join(', ')}) with plain fields (${plain.join(', ')})`,
    )
  }
  const modifier: Modifier = {}
  for (const op of operators) {
    if (!UPDATE_OPERATORS.has(op)) throw unsupportedOperator('update', op)
    const fields = data[op]
    if (!isPlainObject(fields) || Object.keys(fields).length === 0) {
      throw invalidParam(`${op} expects a non-empty object of field paths`)
    }
    for (const [path, value] of Object.entries(fields)) {
      if (touchesId(path) || (op === '$rename' && typeof value === 'string' && touchesId(value))) {
        throw invalidParam(`${op} must not modify _id`)
      }
    }
    modifier[op] = fields
  }
  return modifier
}

/** Sets `value` at a dotted path, creating intermediate objects (used to seed upserted documents). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.')
  let node = target
  segments.slice(0, -1).forEach((segment) => {
    const next = node[segment]
    node = isPlainObject(next) ? next : (node[segment] = {})
  })
  node[segments[segments.length - 1] ?? path] = value
}

function compileOperators(data: Record<string, unknown>): WritePlan {
  const modifier = compileModifier(data)
  // mingo needs the filter only to resolve positional `arr.$.field` paths.
  const positional = Object.values(modifier).some((fields) =>
    Object.keys(fields).some((p) => p.split('.').includes('$')),
  )
  const run = (doc: Doc, query: Record<string, unknown>): Doc => {
    mingoUpdate(doc, modifier, undefined, positional ? query : undefined, MINGO_UPDATE_OPTIONS)
    assertStorableKeys(doc)
    return doc
  }
  return {
    apply: run,
    upsertDoc: (query) => {
      // Like MongoDB: equality conditions of the filter seed the new document.
      const seed: Doc = { _id: idForUpsert(query) }
      for (const [key, value] of Object.entries(query)) {
        if (key.startsWith('$') || key === '_id') continue
        if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) continue
        setPath(seed, key, cloneValue(value))
      }
      return run(seed, {})
    },
  }
}

export function compileWrite(data: unknown, merge: boolean): WritePlan {
  if (!isPlainObject(data)) throw invalidParam('data must be an object')
  return merge ? compileOperators(data) : compileReplacement(data)
}
