import { createRequire } from 'node:module'
import path from 'node:path'
import fc from 'fast-check'
import { encodeWire } from '../../../emulator/database/codec'

// The bson copy the SDK parses answers with: the wire text must be what its serializer writes.
const nodeRequire = createRequire(__filename)
const bsonPath = nodeRequire.resolve('bson', {
  paths: [path.dirname(nodeRequire.resolve('@cloudbase/database'))],
})
const { EJSON } = nodeRequire(bsonPath) as { EJSON: { stringify(value: unknown, options: object): string } }

const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 2 ** 63, -(2 ** 63), 1e21),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
)
const dates = fc.date({ min: new Date(-1e14), max: new Date(1e14) })

const { value: storedValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    numbers,
    dates,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 5 }),
  ),
}))

describe('documents on the wire', () => {
  test('a stored document encodes exactly as bson writes it in canonical EJSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), storedValue, { maxKeys: 8 }), (doc) => {
        expect(encodeWire(doc)).toBe(EJSON.stringify(doc, { relaxed: false }))
      }),
      { numRuns: 500, seed: 20261203 },
    )
  })

  test('values only bson knows (undefined, regular expressions) are still written by bson', () => {
    const doc = { a: undefined, b: [1, undefined], c: /x+/i, d: { e: new Date(0) } }
    expect(encodeWire(doc)).toBe(EJSON.stringify(doc, { relaxed: false }))
  })
})
