import { loadSettings, settingsVariable } from '../../../cloudfunctions/shared/runtime/settings'
import { parseSettings, shippedSettingsInput } from '../../../src/domain/settings'

describe('a function instance’s settings', () => {
  it('are the shipped tables when the deployment sets no overrides', () => {
    expect(loadSettings({})).toEqual(parseSettings())
  })

  it('take the deployment’s overrides from the environment, table by table', () => {
    const policy = { ...(shippedSettingsInput.policy as object), autoConfirmDays: 5 }
    const settings = loadSettings({ [settingsVariable]: JSON.stringify({ policy }) })
    expect(settings.policy.autoConfirmDays).toBe(5)
  })

  it('stop the start with a clear error when the overrides are not a JSON object', () => {
    expect(() => loadSettings({ [settingsVariable]: '{policy:' })).toThrow(/BLUEGRID_SETTINGS: not JSON/)
    expect(() => loadSettings({ [settingsVariable]: '[1]' })).toThrow(/must be a JSON object/)
  })

  it('stop the start naming the bad field of an override', () => {
    const deadlines = structuredClone(shippedSettingsInput.deadlines) as {
      levels: { block: { workingDays: number } }
    }
    deadlines.levels.block.workingDays = 0
    expect(() => loadSettings({ [settingsVariable]: JSON.stringify({ deadlines }) })).toThrow(
      /deadlines\.levels\.block\.workingDays/,
    )
  })
})
