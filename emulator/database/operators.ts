/**
 * Allow-lists of the operators the emulator executes. mingo knows more than CloudBase does (and
 * CloudBase knows geo operators mingo lacks), so requests are checked up front: anything outside
 * these lists fails with an error naming the operator instead of behaving differently from the cloud.
 */
import { invalidParam, unsupportedOperator, unsupportedStage } from './errors'
import { isPlainObject, isRegExp } from './codec'

const TOP_LEVEL_LOGICAL = new Set(['$and', '$or', '$nor'])
/** `$expr` holds aggregation expressions, which mingo validates itself while evaluating. */
const TOP_LEVEL_OPAQUE = new Set(['$expr', '$comment'])
const FIELD_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$all',
  '$elemMatch',
  '$exists',
  '$size',
  '$mod',
  '$not',
  '$regex',
  '$options',
  '$type',
])

export const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$pop',
  '$addToSet',
  '$bit',
  '$currentDate',
])

const AGGREGATE_STAGES = new Set([
  '$match',
  '$group',
  '$sort',
  '$limit',
  '$skip',
  '$project',
  '$count',
  '$addFields',
  '$set',
  '$unset',
  '$unwind',
  '$lookup',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$sortByCount',
  '$bucket',
  '$bucketAuto',
  '$facet',
])

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))
}

/** Checks a whole filter document such as `{a: 1, b: {$gt: 2}, $or: [...]}`. */
export function assertSupportedQuery(query: unknown): void {
  if (!isPlainObject(query)) throw invalidParam('query must be an object')
  for (const [key, value] of Object.entries(query)) {
    if (TOP_LEVEL_LOGICAL.has(key)) {
      if (!Array.isArray(value) || value.length === 0) {
        throw invalidParam(`${key} expects a non-empty array of conditions`)
      }
      value.forEach(assertSupportedQuery)
    } else if (TOP_LEVEL_OPAQUE.has(key)) {
      continue
    } else if (key.startsWith('$')) {
      throw unsupportedOperator('query', key)
    } else {
      assertSupportedCondition(value)
    }
  }
}

/** Checks the value given for one field: a literal, or an object of field operators. */
function assertSupportedCondition(condition: unknown): void {
  if (!isOperatorObject(condition)) return // literal equality, including plain sub-documents
  for (const [op, operand] of Object.entries(condition)) {
    if (!FIELD_OPERATORS.has(op)) throw unsupportedOperator('query', op)
    if (op === '$not') {
      if (!isRegExp(operand)) assertSupportedCondition(operand)
    } else if (op === '$elemMatch') {
      // $elemMatch takes either field operators ({$gt: 1}) or a query on element fields ({a: 1}).
      if (isOperatorObject(operand) && Object.keys(operand).every((key) => FIELD_OPERATORS.has(key))) {
        assertSupportedCondition(operand)
      } else {
        assertSupportedQuery(operand)
      }
    }
  }
}

export function assertSupportedStage(stage: string): void {
  if (!AGGREGATE_STAGES.has(stage)) throw unsupportedStage(stage)
}

/**
 * Turns mingo's "unknown operator" failures (raised lazily, e.g. inside `$expr` or `$group`) into
 * the same error shape as the up-front checks; returns undefined for any other failure.
 */
export function operatorFromMingoMessage(message: string): string | undefined {
  if (!/unknown|not registered|unregistered/i.test(message)) return undefined
  return /\$[A-Za-z][A-Za-z0-9]*/.exec(message)?.[0]
}
