import { decideTexts, verdictOf, type CheckAnswer } from '../../../src/domain/content/screening'
import type { SceneText } from '../../../src/domain/content/texts'
import { AppError } from '../../../src/domain/shared/errors'
import type { Runtime } from '../runtime/runtime'

/** msgSecCheck takes at most 2500 characters; every input schema keeps texts well below. */
const maxContent = 2500
/** A check slower than this counts as not done: the act goes on, held for review, rather than waiting. */
export const textCheckTimeoutMs = 3000

/**
 * Checks the texts of an act with WeChat (security.msgSecCheck v2, as the acting user, all at once). A risky
 * text refuses the act with WeChat's reason before anything is written; otherwise the verdict to record:
 * `pass`, `review` (staff look at it), or `unchecked` (quota, timeout, error: held like review, never shown
 * unchecked). No database request.
 */
export async function checkTexts(
  runtime: Runtime,
  openid: string,
  texts: readonly SceneText[],
): Promise<'pass' | 'review' | 'unchecked'> {
  if (texts.length === 0) return 'pass'
  const checked = await Promise.all(
    texts.map(async (text) => ({ text, ...verdictOf(await ask(runtime, openid, text)) })),
  )
  const decision = decideTexts(checked)
  if (!decision.ok) {
    throw new AppError('content-rejected', decision.message, {
      fields: { [decision.field]: decision.message },
    })
  }
  return decision.verdict
}

async function ask(runtime: Runtime, openid: string, text: SceneText): Promise<CheckAnswer> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<CheckAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ failed: 'timeout' }), textCheckTimeoutMs)
  })
  const call = runtime.wechat
    .call('security.msgSecCheck', {
      version: 2,
      openid,
      scene: text.scene,
      content: text.content.slice(0, maxContent),
    })
    .then((answer): CheckAnswer => answer)
    .catch((error: unknown): CheckAnswer => ({ failed: String(error) }))
  try {
    return await Promise.race([call, timeout])
  } finally {
    clearTimeout(timer)
  }
}
