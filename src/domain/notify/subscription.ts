import { formatWeChatDate, formatWeChatTime } from '../shared/time/format'
import { z } from '../shared/zod'

/**
 * Subscription-message templates as data: which template each notice kind goes out as, and which fact of
 * the notice fills each keyword. A keyword's name carries its type (`thing2`, `time4`), as WeChat names
 * them, so the format follows from the name and a template cannot declare one the platform would refuse.
 */
export const keywordTypes = ['thing', 'character_string', 'phrase', 'time', 'date', 'number'] as const
export type KeywordType = (typeof keywordTypes)[number]

/** The facts of a notice a keyword may show. */
export const keywordSources = ['caseNo', 'title', 'body', 'at'] as const
export type KeywordSource = (typeof keywordSources)[number]
export type NoticeFacts = Record<KeywordSource, string>

const keywordName = new RegExp(`^(${keywordTypes.join('|')})\\d+$`)

const templateSchema = z.object({
  /** From the mini-program's 订阅消息 console; the shipped ids are placeholders a deployment overrides. */
  templateId: z.string().min(1).max(128),
  keywords: z
    .record(z.string().regex(keywordName, '关键词名须为类型加序号，如 thing2、time4'), z.enum(keywordSources))
    .refine((keywords) => Object.keys(keywords).length > 0, '模板至少要有一个关键词'),
})

export const subscriptionTemplatesSchema = z
  .object({
    templates: z.record(z.string().min(1), templateSchema),
    /** Notice kind → template name; a kind not listed is only shown in the app. */
    kinds: z.record(z.string().min(1), z.string().min(1)),
    /** Transient failures are retried after 1, 2, 4… times the first delay, up to the attempts given. */
    retry: z.object({
      maxAttempts: z.number().int().min(1).max(20),
      firstDelayMinutes: z.number().positive().max(60),
      /** A send held longer than this was left by a run that stopped (the jobs function's runs are shorter). */
      stuckAfterMinutes: z
        .number()
        .positive()
        .max(24 * 60)
        .default(15),
    }),
  })
  .superRefine((table, issues) => {
    for (const [kind, name] of Object.entries(table.kinds))
      if (!table.templates[name])
        issues.addIssue({ code: 'custom', path: ['kinds', kind], message: `没有这个模板：${name}` })
  })
export type SubscriptionTemplates = z.infer<typeof subscriptionTemplatesSchema>
export type SubscriptionTemplate = SubscriptionTemplates['templates'][string]

/** The template a notice kind goes out as, if any. */
export function templateFor(table: SubscriptionTemplates, kind: string): SubscriptionTemplate | undefined {
  const name = table.kinds[kind]
  return name ? table.templates[name] : undefined
}

/** Every template id a user may be asked to accept. */
export function templateIdsOf(table: SubscriptionTemplates): string[] {
  return [...new Set(Object.values(table.templates).map((template) => template.templateId))]
}

export function keywordTypeOf(name: string): KeywordType {
  const match = keywordName.exec(name)
  if (!match) throw new Error(`not a keyword name: ${name}`)
  return match[1] as KeywordType
}

// WeChat counts characters, not UTF-16 units: an emoji or a rare hanzi is one.
const chars = (text: string) => Array.from(text)
const clip = (text: string, max: number) => {
  const all = chars(text)
  return all.length <= max ? text : `${all.slice(0, max - 1).join('')}…`
}
const limits = { thing: 20, character_string: 32, phrase: 5, number: 32 } as const

/**
 * One keyword's value in the format its type allows (WeChat refuses anything else with 47003): `thing` at
 * most 20 characters, `character_string` at most 32 letters, digits and symbols, `phrase` at most 5
 * characters, `time` as "2019年10月1日 15:01" and `date` as "2019年10月1日" in Beijing time, `number`
 * digits only. Overlong text is cut with an ellipsis rather than refused: the message is a pointer to the
 * case, whose page has the whole text.
 */
export function formatKeyword(type: KeywordType, value: string): string {
  switch (type) {
    case 'thing':
      return clip(value.replace(/\s+/g, ' ').trim(), limits.thing) || '-'
    case 'character_string':
      return (
        chars(value.replace(/[^\x21-\x7e]/g, ''))
          .slice(0, limits.character_string)
          .join('') || '-'
      )
    case 'phrase':
      return chars(value.replace(/[^\p{Script=Han}]/gu, ''))
        .slice(0, limits.phrase)
        .join('')
    case 'time':
      return formatWeChatTime(value)
    case 'date':
      return formatWeChatDate(value)
    case 'number':
      return (value.match(/\d+(\.\d+)?/)?.[0] ?? '0').slice(0, limits.number)
  }
}

/** The `data` of a `subscribeMessage.send` for a notice, every keyword in its format. */
export function messageData(
  template: SubscriptionTemplate,
  facts: NoticeFacts,
): Record<string, { value: string }> {
  return Object.fromEntries(
    Object.entries(template.keywords).map(([name, source]) => [
      name,
      { value: formatKeyword(keywordTypeOf(name), facts[source]) },
    ]),
  )
}

/** When a transient failure's next attempt is due: the delay doubles with each attempt made. */
export function nextAttemptAt(retry: SubscriptionTemplates['retry'], attemptsMade: number, now: Date): Date {
  const minutes = retry.firstDelayMinutes * 2 ** Math.max(0, attemptsMade - 1)
  return new Date(now.getTime() + minutes * 60_000)
}
