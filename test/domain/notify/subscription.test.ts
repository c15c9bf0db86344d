import {
  formatKeyword,
  keywordTypeOf,
  messageData,
  nextAttemptAt,
  subscriptionTemplatesSchema,
  templateFor,
  templateIdsOf,
} from '../../../src/domain/notify/subscription'
import { parseSettings, SettingsError, shippedSettings } from '../../../src/domain/settings'

const table = shippedSettings.subscriptions

describe('subscription-message keywords, each in the format WeChat accepts', () => {
  it('writes time as "2019年10月1日 15:01" in Beijing time', () => {
    expect(formatKeyword('time', '2019-10-01T07:01:00.000Z')).toBe('2019年10月1日 15:01')
    // Past 16:00 UTC it is already the next day in Beijing.
    expect(formatKeyword('time', '2026-11-30T16:30:00.000Z')).toBe('2026年12月1日 00:30')
  })

  it('writes date as "2019年10月1日" in Beijing time', () => {
    expect(formatKeyword('date', '2019-09-30T16:00:00.000Z')).toBe('2019年10月1日')
  })

  it('keeps thing to 20 characters, counting characters rather than UTF-16 units', () => {
    const long = '河道漂浮大量垃圾及塑料袋影响周边居民生活环境请尽快处理'
    const value = formatKeyword('thing', long)
    expect(Array.from(value)).toHaveLength(20)
    expect(value.endsWith('…')).toBe(true)
    expect(formatKeyword('thing', '短文本')).toBe('短文本')
    expect(Array.from(formatKeyword('thing', '𠮷'.repeat(25)))).toHaveLength(20)
    expect(formatKeyword('thing', '  多个\n空白  ')).toBe('多个 空白')
    expect(formatKeyword('thing', '')).not.toBe('')
  })

  it('keeps character_string to 32 letters, digits and symbols', () => {
    expect(formatKeyword('character_string', '20261130-0007')).toBe('20261130-0007')
    expect(formatKeyword('character_string', '编号A1-b2')).toBe('A1-b2')
    expect(formatKeyword('character_string', 'x'.repeat(40))).toHaveLength(32)
  })

  it('keeps phrase to 5 Chinese characters', () => {
    expect(formatKeyword('phrase', '已办结')).toBe('已办结')
    expect(formatKeyword('phrase', '已经处理完毕了的')).toBe('已经处理完')
    expect(formatKeyword('phrase', 'ok 已办结!')).toBe('已办结')
  })

  it('keeps number to digits', () => {
    expect(formatKeyword('number', '第3名')).toBe('3')
    expect(formatKeyword('number', '12.5分')).toBe('12.5')
  })

  it('reads the type from the keyword name, as WeChat names keywords', () => {
    expect(keywordTypeOf('thing12')).toBe('thing')
    expect(keywordTypeOf('character_string1')).toBe('character_string')
    expect(() => keywordTypeOf('amount3')).toThrow()
  })

  it('fills a template from a notice, every keyword in its format', () => {
    const template = templateFor(table, 'case-closed')!
    const data = messageData(template, {
      caseNo: '20261130-0007',
      title: '您反映的问题已办结',
      body: '问题20261130-0007已办结，感谢您的监督与支持，欢迎继续反映身边的环境问题',
      at: '2026-11-30T07:01:00.000Z',
    })
    expect(data).toEqual({
      character_string1: { value: '20261130-0007' },
      thing2: { value: '您反映的问题已办结' },
      thing3: { value: '问题20261130-0007已办结，…' },
      time4: { value: '2026年11月30日 15:01' },
    })
    for (const [name, { value }] of Object.entries(data))
      if (name.startsWith('thing')) expect(Array.from(value).length).toBeLessThanOrEqual(20)
  })
})

describe('the templates table', () => {
  it('names a template for personal notices and none for the rest', () => {
    expect(templateFor(table, 'case-closed')?.templateId).toBeTruthy()
    expect(templateFor(table, 'new-case')).toBeUndefined()
    expect(templateIdsOf(table).length).toBeGreaterThan(0)
  })

  it('is replaced by a deployment, with its own template ids', () => {
    const own = {
      templates: { progress: { templateId: 'tmpl-real-1', keywords: { thing1: 'title', time2: 'at' } } },
      kinds: { 'case-closed': 'progress' },
      retry: { maxAttempts: 3, firstDelayMinutes: 2 },
    }
    const settings = parseSettings({ subscriptions: own })
    expect(templateFor(settings.subscriptions, 'case-closed')?.templateId).toBe('tmpl-real-1')
    expect(templateIdsOf(settings.subscriptions)).toEqual(['tmpl-real-1'])
  })

  it('refuses a keyword whose name carries no type, and a kind naming a missing template', () => {
    const base = { templates: {}, kinds: {}, retry: { maxAttempts: 3, firstDelayMinutes: 1 } }
    expect(
      subscriptionTemplatesSchema.safeParse({
        ...base,
        templates: { a: { templateId: 't', keywords: { name1: 'title' } } },
      }).success,
    ).toBe(false)
    expect(() => parseSettings({ subscriptions: { ...base, kinds: { 'case-closed': 'nope' } } })).toThrow(
      SettingsError,
    )
  })

  it('doubles the retry delay with each attempt', () => {
    const now = new Date('2026-11-30T00:00:00.000Z')
    const retry = { maxAttempts: 5, firstDelayMinutes: 1, stuckAfterMinutes: 15 }
    const delays = [1, 2, 3, 4].map(
      (made) => (nextAttemptAt(retry, made, now).getTime() - now.getTime()) / 60_000,
    )
    expect(delays).toEqual([1, 2, 4, 8])
  })
})
