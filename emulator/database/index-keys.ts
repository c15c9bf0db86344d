/**
 * Index keys: every value a document holds at an indexed field, encoded as text that sorts (byte-wise, as
 * SQLite's BINARY collation compares) in MongoDB's order across types: null and missing < numbers <
 * strings < objects < arrays < booleans < dates. Type brackets keep a range on one type from reaching
 * another, as in MongoDB: `{ $lt: '2026' }` never matches a number.
 */
import { isDate, isPlainObject, type Doc } from './codec'

/** The first character of every key of one BSON type; ranges stay inside their type's bracket. */
export const TYPE_PREFIX = {
  null: 'B',
  number: 'C',
  string: 'D',
  object: 'E',
  array: 'F',
  boolean: 'H',
  date: 'I',
  other: 'J',
} as const

export type KeyType = keyof typeof TYPE_PREFIX

/** The prefix that starts after a type's bracket: every key of that type sorts below it. */
export function bracketEnd(type: KeyType): string {
  return String.fromCharCode(TYPE_PREFIX[type].charCodeAt(0) + 1)
}

const numberBuffer = new DataView(new ArrayBuffer(8))

/**
 * A float64 as 16 hex digits whose text order is numeric order: positive numbers get their sign bit
 * set, negative ones every bit flipped. NaN sorts below every number, as in MongoDB.
 */
function numberKey(value: number): string {
  if (Number.isNaN(value)) return '0'.repeat(16)
  numberBuffer.setFloat64(0, value === 0 ? 0 : value)
  const high = numberBuffer.getUint32(0)
  const low = numberBuffer.getUint32(4)
  const negative = high >>> 31 === 1
  const h = negative ? ~high >>> 0 : (high | 0x80000000) >>> 0
  const l = negative ? ~low >>> 0 : low
  return h.toString(16).padStart(8, '0') + l.toString(16).padStart(8, '0')
}

export function keyTypeOf(value: unknown): KeyType {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number') return 'number'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'boolean'
  if (isDate(value)) return 'date'
  if (Array.isArray(value)) return 'array'
  if (isPlainObject(value)) return 'object'
  return 'other'
}

/** The sortable key of one value (an array here is a nested array, held as one element). */
export function encodeKey(value: unknown): string {
  const type = keyTypeOf(value)
  const prefix = TYPE_PREFIX[type]
  switch (type) {
    case 'null':
      return prefix
    case 'number':
      return prefix + numberKey(value as number)
    case 'string':
      return prefix + (value as string)
    case 'boolean':
      return prefix + (value ? '1' : '0')
    case 'date':
      return prefix + numberKey((value as Date).getTime())
    default:
      return prefix + JSON.stringify(value)
  }
}

/**
 * Every value a document holds at a dotted path, as MongoDB indexes it: an array along the way or at
 * the end contributes each element (multikey), a missing field and an empty array index as null.
 * `arrays` tells whether an array was met, which makes the index multikey for that field.
 */
export function valuesAtPath(doc: Doc, path: string): { values: unknown[]; arrays: boolean } {
  const segments = path.split('.')
  let current: unknown[] = [doc]
  let arrays = false
  for (const segment of segments) {
    const next: unknown[] = []
    for (const holder of current) {
      if (Array.isArray(holder)) {
        arrays = true
        for (const element of holder) {
          if (isPlainObject(element) && segment in element) next.push(element[segment])
        }
      } else if (isPlainObject(holder) && segment in holder) {
        next.push(holder[segment])
      }
    }
    current = next
  }
  const values: unknown[] = []
  for (const value of current) {
    if (Array.isArray(value)) {
      arrays = true
      values.push(...value)
    } else values.push(value)
  }
  return { values: values.length === 0 ? [null] : values, arrays }
}

/**
 * Compares two keys as SQLite's BINARY collation does (UTF-8 bytes), which differs from JavaScript's
 * UTF-16 order only around characters beyond the Basic Multilingual Plane.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) as number
    const y = b.codePointAt(i) as number
    if (x !== y) return x < y ? -1 : 1
    if (x > 0xffff) i++
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0
}
