import { parseSettings, SettingsError, settingsTables, shippedSettingsInput } from '../../src/domain/settings'

describe('settings', () => {
  it('are the shipped tables when nothing is overridden, every one of them validated', () => {
    const settings = parseSettings()
    expect(Object.keys(settings).sort()).toEqual([...settingsTables].sort())
    expect(settings.policy).toEqual(shippedSettingsInput.policy)
    expect(settings.categories.categories.length).toBeGreaterThan(0)
  })

  it('take an override as a whole table, leaving the others as shipped', () => {
    const policy = { ...(shippedSettingsInput.policy as object), submitLimitPerHour: 3 }
    const settings = parseSettings({ policy })
    expect(settings.policy.submitLimitPerHour).toBe(3)
    expect(settings.deadlines).toEqual(parseSettings().deadlines)
  })

  it('refuse a bad field, naming the table and the field', () => {
    const policy = { ...(shippedSettingsInput.policy as object), submitLimitPerHour: -1 }
    expect(() => parseSettings({ policy })).toThrow(SettingsError)
    try {
      parseSettings({ policy })
    } catch (error) {
      expect((error as SettingsError).field).toBe('policy.submitLimitPerHour')
      expect((error as Error).message).toContain('policy.submitLimitPerHour')
    }
  })

  it('refuse a table whose own rules fail, naming the table (a category id used twice)', () => {
    const categories = structuredClone(shippedSettingsInput.categories) as {
      categories: { id: string }[]
    }
    categories.categories[1]!.id = categories.categories[0]!.id
    expect(() => parseSettings({ categories })).toThrow(/categories/)
  })

  it('refuse alert levels naming a category the catalog being validated with them does not have', () => {
    const categories = structuredClone(shippedSettingsInput.categories) as {
      categories: { id: string }[]
    }
    categories.categories = categories.categories.filter((category) => category.id !== 'road-dust')
    expect(() => parseSettings({ categories })).toThrow(
      'invalid settings: alertLevels: levels.yellow.categoryIds: unknown category road-dust',
    )
  })

  it('refuse a table nobody knows, so a typo does not pass silently', () => {
    expect(() => parseSettings({ polcy: {} })).toThrow(/polcy: unknown table/)
  })
})
