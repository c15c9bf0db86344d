/**
 * Value conversions between the three shapes a document takes:
 *
 * - wire: what the SDK sends and expects back. Queries, updates and documents travel as canonical
 *   EJSON strings (`{"a":{"$numberInt":"1"}}`, dates as `{"$date":{"$numberLong":"…"}}`,
 *   `db.serverDate()` as `{"$tcb_server_date":{"offset":…}}`); result documents go back the same
 *   way and the SDK `EJSON.parse`s them, which is how a stored date comes back as a JS `Date`.
 * - memory: plain JS values with `Date` and `RegExp`, which is what mingo understands.
 * - storage: the JSON text kept in SQLite. Numbers stay JSON numbers and dates become
 *   `{"$date": <epoch ms>}` so that `json_extract` can compare both (see pushdown.ts).
 */
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import path from 'node:path'
import { invalidParam } from './errors'

interface EjsonOptions {
  relaxed?: boolean
}
interface EjsonApi {
  parse(text: string, options?: EjsonOptions): unknown
  stringify(value: unknown, options?: EjsonOptions): string
  serialize(value: unknown, options?: EjsonOptions): unknown
}

// Use the very bson copy the SDK parses with, so EJSON dialects can never drift apart.
// (createRequire gives Node's typed require; the global one is typed for webpack in this project.)
const nodeRequire = createRequire(__filename)
const sdkEntry = nodeRequire.resolve('@cloudbase/database')
const bsonPath = nodeRequire.resolve('bson', { paths: [path.dirname(sdkEntry)] })
const { EJSON } = nodeRequire(bsonPath) as { EJSON: EjsonApi }

export type DocId = string | number
export type Doc = Record<string, unknown>

/**
 * Type tests avoid `instanceof` and `=== Object.prototype`: values may come from another realm
 * (jest's vm context, `structuredClone`), and a cross-realm Date must still be stored as a date.
 */
const tagOf = (value: unknown): string => Object.prototype.toString.call(value)

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || tagOf(value) !== '[object Object]') return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

export function isDate(value: unknown): value is Date {
  return tagOf(value) === '[object Date]'
}

export function isRegExp(value: unknown): value is RegExp {
  return tagOf(value) === '[object RegExp]'
}

/** Deep copy of a memory value (documents are copied before being reused for several writes). */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneValue(item)) as T
  if (isDate(value)) return new Date(value.getTime()) as T
  if (isRegExp(value)) return new RegExp(value.source, value.flags) as T
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = cloneValue(item)
    return out as T
  }
  return value
}

function bsonType(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const tag = (value as { _bsontype?: unknown })._bsontype
  return typeof tag === 'string' ? tag : undefined
}

/** JS accepts only some MongoDB regex options; anything else would silently change the match. */
function toNativeRegExp(pattern: string, options: string): RegExp {
  for (const flag of options) {
    if (!'imsu'.includes(flag)) throw invalidParam(`unsupported regular expression option "${flag}"`)
  }
  try {
    return new RegExp(pattern, options)
  } catch (error) {
    throw invalidParam(`invalid regular expression /${pattern}/: ${(error as Error).message}`)
  }
}

/**
 * Walks a freshly parsed value and turns the markers the engine understands into memory values:
 * `{$tcb_server_date:{offset}}` becomes the server's time, BSON regexes become native RegExps.
 */
function reviveMemoryValues(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => reviveMemoryValues(item, now))
  if (bsonType(value) === 'BSONRegExp') {
    const { pattern, options } = value as unknown as { pattern: string; options: string }
    return toNativeRegExp(pattern, options)
  }
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0
    return new Date(now + offset)
  }
  const out: Record<string, unknown> = {}
  for (const key of keys) out[key] = reviveMemoryValues(value[key], now)
  return out
}

/**
 * Decodes one wire parameter. The SDK sends EJSON strings; a caller talking JSON directly (or the
 * HTTP path after JSON.parse) may already hand over an object, which is read as relaxed EJSON too.
 */
export function decodeWire(raw: unknown, what: string, now: number): unknown {
  if (typeof raw !== 'string' && (raw === null || typeof raw !== 'object')) {
    throw invalidParam(
      `malformed ${what}: expected an EJSON string or object, got ${raw === null ? 'null' : typeof raw}`,
    )
  }
  let parsed: unknown
  try {
    parsed = EJSON.parse(typeof raw === 'string' ? raw : JSON.stringify(raw), { relaxed: true })
  } catch (error) {
    throw invalidParam(`malformed ${what}: ${(error as Error).message}`)
  }
  return reviveMemoryValues(parsed, now)
}

const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1
const INT64_MIN = -(2 ** 63)
const INT64_MAX = 2 ** 63
/** Thrown inside the direct writer for a value only bson's own serializer knows (undefined, RegExp, BSON). */
const unusual = Symbol('unusual')

/**
 * A stored document's values (JSON values and dates) written as canonical EJSON text, as bson's serializer
 * writes them: integers as the smallest BSON integer that holds them, other numbers as doubles, dates as
 * epoch milliseconds. Anything else throws `unusual`.
 */
function writeCanonical(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') {
    if (Math.floor(value) === value) {
      if (value >= INT32_MIN && value <= INT32_MAX) return `{"$numberInt":"${value.toString()}"}`
      if (value >= INT64_MIN && value <= INT64_MAX) return `{"$numberLong":"${value.toString()}"}`
    }
    return `{"$numberDouble":"${value.toString()}"}`
  }
  if (Array.isArray(value)) {
    let text = '['
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + writeCanonical(value[i])
    return text + ']'
  }
  if (isDate(value)) return `{"$date":{"$numberLong":"${value.getTime().toString()}"}}`
  if (!isPlainObject(value) || bsonType(value)) throw unusual
  let text = '{'
  let first = true
  for (const key of Object.keys(value)) {
    text += (first ? '' : ',') + JSON.stringify(key) + ':' + writeCanonical(value[key])
    first = false
  }
  return text + '}'
}

/**
 * Encodes a memory document the way CloudBase answers: one canonical EJSON string per document. Documents
 * read from storage are written directly (bson's generic serializer costs more than the read itself); the
 * rest go through bson, and both write the same text.
 */
export function encodeWire(doc: unknown): string {
  try {
    return writeCanonical(doc)
  } catch (error) {
    if (error !== unusual) throw error
    return EJSON.stringify(doc, { relaxed: false })
  }
}

function toStorageValue(value: unknown, where: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : { $numberDouble: String(value) }
  }
  if (isDate(value)) {
    const ms = value.getTime()
    if (Number.isNaN(ms)) throw invalidParam(`invalid date at ${where}`)
    return { $date: ms }
  }
  if (isRegExp(value)) return { $regularExpression: { pattern: value.source, options: value.flags } }
  if (Array.isArray(value)) {
    return value.map((item, i) => (item === undefined ? null : toStorageValue(item, `${where}.${i}`)))
  }
  if (bsonType(value)) return EJSON.serialize(value, { relaxed: false })
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = toStorageValue(item, where ? `${where}.${key}` : key)
    }
    return out
  }
  throw invalidParam(`cannot store a value of type ${typeof value} at ${where || 'document root'}`)
}

/** Memory document → the JSON text stored in SQLite. */
export function encodeStored(doc: Doc): string {
  return JSON.stringify(toStorageValue(doc, ''))
}

/** SQLite JSON text → memory document (a fresh object every time, so callers may mutate it). */
export function decodeStored(text: string): Doc {
  // This is the hot path of every scan. Stored keys never start with "$", so text without `"$`
  // holds no markers at all, and dates (the common marker) are revived inline; only rarer EJSON
  // types (regexes, NaN, ObjectId, …) pay for a full EJSON parse.
  if (!text.includes('"$')) return JSON.parse(text) as Doc
  let needsEjson = false
  const doc = JSON.parse(text, (_key, value: unknown) => {
    if (!isPlainObject(value)) return value
    const keys = Object.keys(value)
    if (keys.length !== 1 || !keys[0]?.startsWith('$')) return value
    if (keys[0] === '$date' && typeof value.$date === 'number') return new Date(value.$date)
    needsEjson = true
    return value
  }) as Doc
  return needsEjson ? (reviveMemoryValues(EJSON.parse(text, { relaxed: true }), 0) as Doc) : doc
}

/** CloudBase document ids look like 32 lowercase hex characters. */
export function generateId(): string {
  return randomBytes(16).toString('hex')
}

export function isDocId(value: unknown): value is DocId {
  return (
    (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value))
  )
}

/**
 * Stored documents must not carry `$`-prefixed keys: they would be misread as EJSON markers or
 * operators on the way back. The SDK never produces them, so one is a caller bug.
 */
export function assertStorableKeys(value: unknown, where = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertStorableKeys(item, `${where}.${i}`))
    return
  }
  if (!isPlainObject(value)) return
  for (const [key, item] of Object.entries(value)) {
    const at = where ? `${where}.${key}` : key
    if (key.startsWith('$')) throw invalidParam(`field name "${at}" must not start with "$"`)
    assertStorableKeys(item, at)
  }
}
