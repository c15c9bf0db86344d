import fc from 'fast-check'
import { handleApiEvent } from '../../../cloudfunctions/shared/app'
import { actionNames } from '../../../src/domain/contract'
import { demoAccounts } from '../../../emulator/demo/accounts'
import { fuzzIds, malformed, validPayloads, type Ids } from '../../factories/payloads'
import { createTestWorld, type TestWorld } from '../../factories/runtime'

/*
 * Input fuzzing of the api function: arbitrary JSON, arbitrary values and near-valid payloads (a valid one
 * with a field removed, replaced or added) at every action, from every kind of caller. Whatever comes in,
 * the answer is a well-formed envelope: ok with data that the action's output schema accepts, or a refusal
 * with a kebab-case code and a Chinese message — never `internal`, never a throw.
 */

const runsPerAction = Number(process.env.FUZZ_RUNS ?? 40)
// A fixed seed by default, so that every `npm test` sends the same payloads; FUZZ_SEED explores others.
const seed = Number(process.env.FUZZ_SEED ?? 20261124)
const callers = demoAccounts.map((account) => account.openid)

/** A valid payload with one field removed, replaced by anything, or one more field added. */
function nearValid(valid: () => unknown): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.nat(), fc.constantFrom('remove', 'replace', 'add'), fc.string(), fc.jsonValue(), fc.anything())
    .map(([index, mutation, name, json, value]) => {
      const payload = { ...(valid() as Record<string, unknown>) }
      const keys = Object.keys(payload)
      const key = keys.length > 0 && mutation !== 'add' ? keys[index % keys.length]! : name
      if (mutation === 'remove') delete payload[key]
      else payload[key] = index % 2 === 0 ? json : value
      return payload
    })
}

const payloadsFor = (valid: () => unknown): fc.Arbitrary<unknown> =>
  fc.oneof(fc.anything(), fc.jsonValue(), nearValid(valid), nearValid(valid))

describe('the api answers any payload with a well-formed envelope', () => {
  let world: TestWorld
  let ids: Ids

  beforeAll(async () => {
    world = await createTestWorld()
    ids = await fuzzIds(world)
  })
  afterAll(() => world.close())

  // The router logs unexpected failures for operators; here such a failure fails the test, so the log is muted.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined))
  afterEach(() => jest.restoreAllMocks())

  it.each(actionNames)('%s', async (action) => {
    const valid = () => validPayloads[action](ids)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callers), payloadsFor(valid), async (openid, payload) => {
        const answer = await world.call(openid, action, payload)
        const problem = malformed(action, answer)
        if (problem) throw new Error(`${action} as ${openid}: ${problem}\nanswer: ${JSON.stringify(answer)}`)
      }),
      { numRuns: runsPerAction, seed },
    )
  })

  it('answers any event, whatever its action, from a caller or none', async () => {
    const tricky = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', '']
    const event = fc.oneof(
      fc.anything(),
      fc.record(
        {
          action: fc.oneof(fc.constantFrom(...actionNames, ...tricky), fc.string(), fc.anything()),
          payload: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    )
    await fc.assert(
      fc.asyncProperty(fc.option(fc.constantFrom(...callers)), event, async (openid, request) => {
        const answer = await handleApiEvent(world.runtime, request, { openid })
        const named = (request as { action?: unknown } | null)?.action
        const action = actionNames.find((name) => name === named)
        const problem = action
          ? malformed(action, answer)
          : answer.ok
            ? 'an unknown action succeeded'
            : malformed('me.get', answer)
        if (problem) throw new Error(`${problem}\nanswer: ${JSON.stringify(answer)}`)
      }),
      { numRuns: 300, seed },
    )
  })
})
