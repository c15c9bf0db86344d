/**
 * Query planning over declared indexes, with MongoDB's rules of thumb:
 * - a filter is split into alternatives (`$or`), each a conjunction of per-field conditions;
 * - an alternative is served by an index whose leading fields are exactly its filtered fields, and a
 *   sort by the index fields that follow (in the index's directions, or all reversed);
 * - equality and `$in` on the leading fields, then a range, become SQL bounds on index entries; `$in`
 *   on the leading fields is exploded into one ordered scan per value so a sort stays index-served;
 * - lookups by `_id` need no declaration.
 * Conditions SQL cannot decide exactly (`$ne`, regexes, sub-documents, a second condition on a multikey
 * field, …) are re-checked on the documents.
 */
import { isPlainObject } from './codec'
import { DatabaseEmulatorError } from './errors'
import { encodeKey, keyTypeOf, TYPE_PREFIX, bracketEnd } from './index-keys'
import { describeIndex, type IndexState } from './indexes'

export type SortSpec = Array<[string, 1 | -1]>

type RangeOp = '$gt' | '$gte' | '$lt' | '$lte'
const RANGE_OPS = new Set<string>(['$gt', '$gte', '$lt', '$lte'])

interface FieldTerms {
  /** Allowed values (from `$eq`, a plain value or `$in`), when SQL can decide them. */
  eq?: unknown[]
  bounds: Array<{ op: RangeOp; value: unknown }>
  /** Some condition on this field must be checked on the document. */
  residual: boolean
}

/** One alternative of the filter: a conjunction. */
interface Conjunction {
  terms: Array<[string, unknown]>
  /** Fields named inside logic the planner does not take apart (`$nor`, `$not`, a too-wide `$or`). */
  opaque: Set<string>
}

const MAX_ALTERNATIVES = 32
const MAX_EXPLODED_SCANS = 200

function fieldsNamedIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((item) => fieldsNamedIn(item, into))
  else if (isPlainObject(value)) {
    for (const [key, sub] of Object.entries(value)) {
      if (key.startsWith('$')) fieldsNamedIn(sub, into)
      else into.add(key)
    }
  }
}

function combine(left: Conjunction[], right: Conjunction[]): Conjunction[] {
  return left.flatMap((a) =>
    right.map((b) => ({ terms: [...a.terms, ...b.terms], opaque: new Set([...a.opaque, ...b.opaque]) })),
  )
}

/** The filter in disjunctive normal form, as far as `$and`/`$or` go. */
function alternatives(query: Record<string, unknown>): Conjunction[] {
  let result: Conjunction[] = [{ terms: [], opaque: new Set() }]
  for (const [key, value] of Object.entries(query)) {
    if ((key === '$and' || key === '$or') && Array.isArray(value)) {
      const parts = value.filter(isPlainObject).map(alternatives)
      const expanded =
        key === '$and' ? parts.reduce(combine, [{ terms: [], opaque: new Set<string>() }]) : parts.flat()
      const next = combine(result, expanded)
      if (next.length <= MAX_ALTERNATIVES) {
        result = next
        continue
      }
    }
    if (key.startsWith('$')) {
      const opaque = new Set<string>()
      fieldsNamedIn(value, opaque)
      result = result.map((c) => ({ terms: c.terms, opaque: new Set([...c.opaque, ...opaque]) }))
      continue
    }
    result = result.map((c) => ({ terms: [...c.terms, [key, value]], opaque: c.opaque }))
  }
  return result
}

/** Values SQL can compare on index keys: scalars and dates (arrays and sub-documents are re-checked). */
function isKeyable(value: unknown): boolean {
  const type = keyTypeOf(value)
  if (type === 'number') return !Number.isNaN(value as number)
  if (type === 'date') return !Number.isNaN((value as Date).getTime())
  return type === 'null' || type === 'string' || type === 'boolean'
}

function termsOf(conjunction: Conjunction): Map<string, FieldTerms> {
  const fields = new Map<string, FieldTerms>()
  const of = (field: string) => {
    let terms = fields.get(field)
    if (!terms) fields.set(field, (terms = { bounds: [], residual: false }))
    return terms
  }
  const addEq = (terms: FieldTerms, values: unknown[]) => {
    if (terms.eq) terms.residual = true
    // One value once: each becomes its own scan, and counts add scans up.
    else terms.eq = [...new Map(values.map((v) => [encodeKey(v), v])).values()]
  }
  for (const [field, condition] of conjunction.terms) {
    const terms = of(field)
    const isOperators = isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))
    if (!isOperators) {
      if (isKeyable(condition)) addEq(terms, [condition])
      else terms.residual = true
      continue
    }
    for (const [op, argument] of Object.entries(condition)) {
      if (op === '$eq' && isKeyable(argument)) addEq(terms, [argument])
      else if (op === '$in' && Array.isArray(argument) && argument.length > 0 && argument.every(isKeyable))
        addEq(terms, [...argument])
      else if (RANGE_OPS.has(op) && isKeyable(argument) && argument !== null && argument !== undefined)
        terms.bounds.push({ op: op as RangeOp, value: argument })
      else terms.residual = true
    }
  }
  for (const field of conjunction.opaque) of(field).residual = true
  return fields
}

/** One ordered read of an index: fixed keys on the leading columns, then bounds, in SQL. */
export interface IndexScan {
  index: IndexState
  where: string
  params: unknown[]
  /** ORDER BY over index columns for the requested sort, or undefined when the sort is not served. */
  orderColumns?: Array<{ column: number; descending: boolean }>
  /** Column of each sort field in this index's rows. */
  sortColumns: number[]
  /** The entries decide the filter alone (no document re-check needed). */
  exact: boolean
  /** A document has at most one entry in this scan. */
  duplicateFree: boolean
}

export type BranchPlan =
  | { kind: 'ids'; ids: unknown[] }
  /** `disjoint`: no document has entries in two of the scans, so their union needs no deduplication. */
  | { kind: 'scan'; scans: IndexScan[]; disjoint: boolean }

export type QueryPlan =
  | { kind: 'branches'; branches: BranchPlan[]; ordered: boolean }
  /** Read every document (no filter, or no index when indexes are not required). */
  | { kind: 'collection-scan' }

export function indexRequired(
  collection: string,
  query: unknown,
  sort: SortSpec,
  declared: readonly IndexState[],
  reason: string,
): DatabaseEmulatorError {
  const list = declared.length === 0 ? 'none' : declared.map(describeIndex).join('; ')
  const order = sort.length === 0 ? '' : ` sorted by ${JSON.stringify(Object.fromEntries(sort))}`
  return new DatabaseEmulatorError(
    'INDEX_NOT_DECLARED',
    `no declared index serves the query on ${collection} ${JSON.stringify(query)}${order}: ${reason}. ` +
      `Declared indexes: ${list}. Declare one whose leading fields are the filtered fields, followed by the sort fields ` +
      `(the production index list is the declaration, so CloudBase would scan or refuse this query).`,
  )
}

function rangeSql(column: string, op: RangeOp, value: unknown): { sql: string; params: unknown[] } {
  const key = encodeKey(value)
  const type = keyTypeOf(value)
  const start = TYPE_PREFIX[type]
  const end = bracketEnd(type)
  // Type-bracketed, as MongoDB compares only values of the operand's type.
  if (op === '$gt' || op === '$gte') {
    return { sql: `${column} ${op === '$gt' ? '>' : '>='} ? AND ${column} < ?`, params: [key, end] }
  }
  return { sql: `${column} ${op === '$lt' ? '<' : '<='} ? AND ${column} >= ?`, params: [key, start] }
}

/**
 * Whether the sort fields are the index fields from `start` on, in one direction, once the fields before
 * `start` that equality or `$in` fixes are left out (each `$in` value is its own ordered scan).
 */
function sortFollows(index: IndexState, start: number, boundFields: Set<string>, sort: SortSpec): boolean {
  const fixed = new Set(
    index.fields
      .slice(0, start)
      .map((f) => f.path)
      .filter((p) => boundFields.has(p)),
  )
  const rest = sort.filter(([field]) => !fixed.has(field))
  let factor: number | undefined
  for (const [offset, [field, direction]] of rest.entries()) {
    const indexField = index.fields[start + offset]
    if (indexField?.path !== field) return false
    const f = direction * indexField.direction
    if (factor !== undefined && f !== factor) return false
    factor = f
  }
  return true
}

/**
 * The filtered fields lead the index; the sort follows them, or follows the leading fields fixed by
 * equality or `$in` (a range field may then be the first sort field, as in `{ at, _id: { $gt } }` sorted
 * by `_id`).
 */
function fits(
  index: IndexState,
  filterFields: Set<string>,
  boundFields: Set<string>,
  sort: SortSpec,
): boolean {
  const paths = index.fields.map((f) => f.path)
  const k = filterFields.size
  if (k > paths.length) return false
  for (let i = 0; i < k; i++) if (!filterFields.has(paths[i] ?? '')) return false
  let fixed = 0
  while (fixed < k && boundFields.has(paths[fixed] ?? '')) fixed++
  return sortFollows(index, k, boundFields, sort) || sortFollows(index, fixed, boundFields, sort)
}

/** Chooses the index for one alternative: the fitting one with the fewest extra fields. */
function chooseIndex(
  declared: readonly IndexState[],
  filterFields: Set<string>,
  boundFields: Set<string>,
  sort: SortSpec,
): IndexState | undefined {
  return declared
    .filter((index) => fits(index, filterFields, boundFields, sort))
    .sort((a, b) => a.fields.length - b.fields.length)[0]
}

function scansFor(
  index: IndexState,
  fields: Map<string, FieldTerms>,
  opaque: boolean,
  sort: SortSpec,
): { scans: IndexScan[]; disjoint: boolean } {
  const columns = index.fields.map((f) => f.path)
  // Terms SQL decides exactly; a multikey field keeps one condition in SQL, the rest on the document.
  let exact = !opaque
  const sqlTerms = new Map<number, FieldTerms>()
  for (const [field, terms] of fields) {
    const column = columns.indexOf(field)
    if (terms.residual || column < 0) exact = false
    if (column < 0) continue
    let kept: FieldTerms = terms
    if (index.multikey[column]) {
      const conditions = (terms.eq ? 1 : 0) + terms.bounds.length
      const nullEq = terms.eq?.some((v) => v === null || v === undefined)
      if (conditions > 1 || nullEq) exact = false
      kept =
        terms.eq && !nullEq
          ? { eq: terms.eq, bounds: [], residual: false }
          : { bounds: terms.bounds.slice(0, 1), residual: false }
    }
    sqlTerms.set(column, kept)
  }

  // The leading columns with fixed values, exploded into one scan per combination.
  let prefix = 0
  while (sqlTerms.get(prefix)?.eq) prefix++
  let combinations: unknown[][] = [[]]
  for (let c = 0; c < prefix; c++) {
    const values = sqlTerms.get(c)?.eq ?? []
    combinations = combinations.flatMap((combo) => values.map((v) => [...combo, v]))
  }
  const explode = combinations.length <= MAX_EXPLODED_SCANS
  if (!explode) combinations = [[]]

  const sortColumns = sort.map(([field]) => columns.indexOf(field))
  const fixed = new Set(explode ? Array.from({ length: prefix }, (_, c) => c) : [])
  const remaining = sort.filter((_, i) => !fixed.has(sortColumns[i] ?? -1))
  let orderColumns: IndexScan['orderColumns'] = []
  remaining.forEach(([field, direction], offset) => {
    const column = columns.indexOf(field)
    const expected = (explode ? prefix : 0) + offset
    if (!orderColumns || column !== expected) {
      orderColumns = undefined
      return
    }
    orderColumns.push({ column, descending: direction === -1 })
  })
  if (orderColumns && remaining.length > 0) {
    const factors = remaining.map(
      ([field, direction]) => direction * (index.fields[columns.indexOf(field)]?.direction ?? 1),
    )
    if (factors.some((f) => f !== factors[0])) orderColumns = undefined
  }

  const multikeyUnbound = index.multikey.some((multi, c) => multi && !(fixed.has(c) && explode))
  // The combinations are distinct (the values are deduplicated); two of them can only share a document
  // when they differ in an array field alone, since a document has one value in every other field.
  const disjoint =
    explode &&
    Array.from({ length: prefix }, (_, c) => c).every(
      (c) => !index.multikey[c] || (sqlTerms.get(c)?.eq?.length ?? 0) <= 1,
    )
  const scans = combinations.map((combo) => {
    const where: string[] = []
    const params: unknown[] = []
    for (const [column, terms] of sqlTerms) {
      const name = `k${column}`
      if (column < combo.length) {
        where.push(`${name} = ?`)
        params.push(encodeKey(combo[column]))
        continue
      }
      if (terms.eq) {
        where.push(`${name} IN (${terms.eq.map(() => '?').join(', ')})`)
        params.push(...terms.eq.map(encodeKey))
      }
      for (const bound of terms.bounds) {
        const range = rangeSql(name, bound.op, bound.value)
        where.push(range.sql)
        params.push(...range.params)
      }
    }
    return {
      index,
      where: where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`,
      params,
      orderColumns,
      sortColumns,
      exact,
      duplicateFree: !multikeyUnbound,
    }
  })
  return { scans, disjoint }
}

/**
 * Plans a read. With `requireIndexes`, a query no declared index serves is refused naming the query and
 * the declared indexes; without, it falls back to reading every document.
 */
export function planQuery(
  collection: string,
  query: Record<string, unknown>,
  sort: SortSpec,
  declared: readonly IndexState[],
  requireIndexes: boolean,
): QueryPlan {
  if (Object.keys(query).length === 0 && sort.length === 0) return { kind: 'collection-scan' }
  const branches: BranchPlan[] = []
  for (const conjunction of alternatives(query)) {
    const fields = termsOf(conjunction)
    const id = fields.get('_id')
    if (id?.eq && !id.residual && id.bounds.length === 0) {
      branches.push({ kind: 'ids', ids: id.eq })
      continue
    }
    const filterFields = new Set(fields.keys())
    const boundFields = new Set([...fields].filter(([, t]) => t.eq && !t.residual).map(([f]) => f))
    const index = chooseIndex(declared, filterFields, boundFields, sort)
    if (!index) {
      if (!requireIndexes) return { kind: 'collection-scan' }
      const reason =
        filterFields.size === 0
          ? 'the sort fields must lead an index'
          : `the fields ${[...filterFields].join(', ')} must lead an index${sort.length ? ', followed by the sort fields' : ''}`
      throw indexRequired(collection, query, sort, declared, reason)
    }
    branches.push({ kind: 'scan', ...scansFor(index, fields, conjunction.opaque.size > 0, sort) })
  }
  const ordered = branches.every(
    (b) => b.kind === 'scan' && b.scans.every((s) => s.orderColumns !== undefined),
  )
  return { kind: 'branches', branches, ordered }
}
