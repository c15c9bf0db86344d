import {
  actions,
  apiRequestSchema,
  describeIssues,
  isReadAction,
  type ActionName,
  type ActionParsedInput,
} from '../../../src/domain/contract'
import { AppError, errorMessages, type Envelope } from '../../../src/domain/shared/errors'
import { actorOf, storesFor, type HandlerContext } from '../runtime/context'
import { DatabaseError } from '../db/results'
import type { ActionHandler } from './handler'
import type { Runtime } from '../runtime/runtime'

/**
 * The api function's whole job: find who is calling from the platform's context (never the payload),
 * parse `{ action, payload }`, run the handler, and answer with an envelope. Any failure becomes a
 * `{ ok: false, error }` with a kebab-case code and a Chinese message; nothing throws past here.
 */
export function createApiHandler(
  handlers: { [A in ActionName]: ActionHandler<A> },
  peopleWith: PeopleReadWith = {},
) {
  return (runtime: Runtime, event: unknown, context: unknown) =>
    handleApiEvent(handlers, peopleWith, runtime, event, context)
}

/**
 * For actions that act on other people named in their input: whom to read together with the caller, so the
 * handler has them without another request (at most 50; the input schema bounds the list).
 */
export type PeopleReadWith = Partial<{ [A in ActionName]: (input: ActionParsedInput<A>) => string[] }>

async function handleApiEvent(
  handlers: { [A in ActionName]: ActionHandler<A> },
  peopleWith: PeopleReadWith,
  runtime: Runtime,
  event: unknown,
  context: unknown,
): Promise<Envelope<unknown>> {
  try {
    // Who calls comes first: an invocation without a user (a timer, an HTTP request) learns nothing more.
    const openid = runtime.callerOpenid(context)
    if (!openid) throw new AppError('not-signed-in')

    const request = apiRequestSchema.safeParse(event)
    if (!request.success) {
      throw new AppError('invalid-input', '请求格式不正确', { fields: describeIssues(request.error) })
    }
    const action = request.data.action
    // Own keys only: `in` would take inherited names such as `toString` or `__proto__` for actions.
    if (!Object.hasOwn(actions, action)) throw new AppError('unknown-action', `不支持的操作：${action}`)
    const name = action as ActionName

    const parsed = actions[name].input.safeParse(request.data.payload ?? {})
    if (!parsed.success) {
      throw new AppError('invalid-input', undefined, { fields: describeIssues(parsed.error) })
    }

    const stores = storesFor(runtime)
    const others = (peopleWith[name] as ((input: unknown) => string[]) | undefined)?.(parsed.data) ?? []
    // The caller is read once either way; a write also takes its place in the caller's write window there.
    const limit = runtime.settings.policy.writeLimit
    const caller = isReadAction(name)
      ? await stores.users.getOrRegisterWith(openid, others.slice(0, 50))
      : await stores.users.takeWriteWith(openid, others.slice(0, 50), runtime.now(), limit)
    if (!caller) {
      throw new AppError(
        'rate-limited',
        `操作过于频繁：每${limit.windowSeconds}秒最多${limit.perWindow}次操作，请稍后再试`,
      )
    }
    const { user, people } = caller
    const ctx: HandlerContext = { actor: actorOf(user), user, people, now: runtime.now(), stores, runtime }
    const handler = handlers[name] as (ctx: HandlerContext, input: unknown) => Promise<unknown>
    const data = await handler(ctx, parsed.data)
    return { ok: true, data }
  } catch (error) {
    return { ok: false, error: toErrorBody(error) }
  }
}

function toErrorBody(error: unknown) {
  if (error instanceof AppError) return error.toBody()
  // Unexpected failures are logged for operators and answered without internals.
  const detail = error instanceof DatabaseError ? `${error.code}: ${error.message}` : String(error)
  console.error('[api] unexpected failure', detail, error instanceof Error ? error.stack : '')
  return { code: 'internal' as const, message: errorMessages.internal }
}
