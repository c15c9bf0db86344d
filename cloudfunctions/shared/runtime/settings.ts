import { parseSettings, SettingsError, shippedSettings, type Settings } from '../../../src/domain/settings'

/** The environment variable that carries a deployment's overrides: a JSON object of whole tables. */
export const settingsVariable = 'BLUEGRID_SETTINGS'

/**
 * The one way configuration enters the functions: the shipped tables, replaced table by table by the
 * deployment's overrides, validated once when the instance starts. A bad table stops the start with an
 * error naming the field, rather than letting a request run on half of it.
 */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const raw = env[settingsVariable]
  // Without overrides the shipped tables, already validated when the module loaded, are the settings.
  if (!raw) return shippedSettings
  let overrides: unknown
  try {
    overrides = JSON.parse(raw)
  } catch (error) {
    throw new SettingsError(settingsVariable, `not JSON (${(error as Error).message})`)
  }
  if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) {
    throw new SettingsError(settingsVariable, 'must be a JSON object of tables')
  }
  return parseSettings(overrides as Record<string, unknown>)
}
