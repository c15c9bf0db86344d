/**
 * Translates the easy parts of a filter into a SQL WHERE clause over the stored JSON, so SQLite can
 * skip rows before they are decoded and mingo looks at them. Only plain scans use it (queries the
 * declared indexes serve are planned in planner.ts), so it never needs an index of its own.
 *
 * The clause is only a prefilter: it must keep every row mingo would match (a superset), and mingo
 * re-checks everything it keeps. Three MongoDB rules shape the SQL:
 * - a condition on `a.b` also matches when `a` or `a.b` is an array holding a matching element, so
 *   every field term carries "OR json_type(...) = 'array'" escapes for each prefix of its path;
 * - comparisons are type-bracketed in MongoDB while SQLite orders INTEGER < TEXT; a range term
 *   therefore admits extra rows of other types, which is harmless, and never drops matching ones;
 * - dates are stored as {"$date": ms}, so a Date operand compares against `$.path."$date"`.
 * Anything not recognised (`$or`, `$ne`, regexes, sub-documents, nulls…) is simply not pushed down.
 */
import { isDate, isPlainObject } from './codec'

export interface SqlFilter {
  /** SQL boolean expression over columns `_id` and `doc`, or '' when nothing could be pushed down. */
  where: string
  params: unknown[]
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/
const RANGE_SQL: Record<string, string> = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }

/** `a.b.c` → `$.a.b.c` when every segment is a plain identifier (no array indexes, no quoting). */
export function jsonPathOf(fieldPath: string): string | undefined {
  const segments = fieldPath.split('.')
  if (!segments.every((segment) => SEGMENT.test(segment))) return undefined
  return `$.${segments.join('.')}`
}

/** The SQL expression of a field's value in the stored JSON. */
function valueExpression(fieldPath: string): string | undefined {
  const jsonPath = jsonPathOf(fieldPath)
  return jsonPath ? `json_extract(doc, '${jsonPath}')` : undefined
}

/** json_type expressions for every prefix of the path: `a`, `a.b`, … */
function arrayEscapeExpressions(fieldPath: string): string[] {
  const segments = fieldPath.split('.')
  return segments.map((_, i) => `json_type(doc, '$.${segments.slice(0, i + 1).join('.')}')`)
}

type Scalar = string | number | boolean

interface Operand {
  /** Which stored representation to compare against. */
  kind: 'scalar' | 'date'
  value: string | number
}

function operandOf(value: unknown, forRange: boolean): Operand | undefined {
  if (isDate(value)) {
    const ms = value.getTime()
    return Number.isNaN(ms) ? undefined : { kind: 'date', value: ms }
  }
  const scalar = value as Scalar
  if (typeof scalar === 'number') {
    return Number.isFinite(scalar) ? { kind: 'scalar', value: scalar } : undefined
  }
  if (typeof scalar === 'boolean') return forRange ? undefined : { kind: 'scalar', value: scalar ? 1 : 0 }
  if (typeof scalar === 'string') {
    // SQLite orders strings by UTF-8 bytes, JS by UTF-16 units; they disagree only around surrogates.
    if (forRange && /[\uD800-\uDFFF]/.test(scalar)) return undefined
    return { kind: 'scalar', value: scalar }
  }
  return undefined
}

interface Term {
  sql: string
  params: unknown[]
}

/** Terms for one field's operators, all of which must hold. */
function fieldTerms(fieldPath: string, condition: unknown): Term[] {
  const isId = fieldPath === '_id'
  const base = isId ? '_id' : valueExpression(fieldPath)
  if (!base) return []
  const target = (operand: Operand): string | undefined => {
    if (operand.kind === 'scalar') return base
    return isId ? undefined : `json_extract(doc, '${jsonPathOf(fieldPath)}."$date"')`
  }

  const comparisons: Array<[string, unknown]> =
    isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))
      ? Object.entries(condition)
      : [['$eq', condition]]

  const terms: Term[] = []
  for (const [op, raw] of comparisons) {
    if (op === '$in') {
      if (!Array.isArray(raw) || raw.length === 0) continue
      const operands = raw.map((item) => operandOf(item, false))
      const first = operands[0]
      if (!first || operands.some((o) => !o || o.kind !== first.kind)) continue
      const column = target(first)
      if (!column) continue
      terms.push({
        sql: `${column} IN (${operands.map(() => '?').join(', ')})`,
        params: operands.map((o) => o?.value),
      })
      continue
    }
    const sqlOp = RANGE_SQL[op]
    if (!sqlOp) continue
    const operand = operandOf(raw, op !== '$eq')
    const column = operand && target(operand)
    if (!operand || !column) continue
    terms.push({ sql: `${column} ${sqlOp} ?`, params: [operand.value] })
  }
  return terms
}

function collectTerms(query: unknown, into: Term[]): void {
  if (!isPlainObject(query)) return
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) collectTerms(sub, into)
      continue
    }
    if (key.startsWith('$')) continue
    const terms = fieldTerms(key, value)
    if (terms.length === 0) continue
    const conjunction = terms.map((t) => t.sql).join(' AND ')
    const params = terms.flatMap((t) => t.params)
    if (key === '_id') {
      into.push({ sql: `(${conjunction})`, params })
    } else {
      const escapes = arrayEscapeExpressions(key).map((expr) => `${expr} = 'array'`)
      into.push({ sql: `((${conjunction}) OR ${escapes.join(' OR ')})`, params })
    }
  }
}

export function buildPrefilter(query: unknown): SqlFilter {
  const terms: Term[] = []
  collectTerms(query, terms)
  return { where: terms.map((t) => t.sql).join(' AND '), params: terms.flatMap((t) => t.params) }
}
