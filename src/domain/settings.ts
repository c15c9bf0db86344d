import alertLevelsJson from './catalog/alert-levels.json'
import assessmentJson from './catalog/assessment.json'
import categoriesJson from './catalog/categories.json'
import deadlinesJson from './catalog/deadlines.json'
import holidaysJson from './catalog/holidays.json'
import pointsRulesJson from './catalog/points-rules.json'
import policyJson from './catalog/policy.json'
import monitoringJson from './catalog/monitoring.json'
import sitesJson from './catalog/sites.json'
import { parseSiteRules, type SiteRules } from './sites/rules'
import { monitoringRulesSchema, type MonitoringRules } from './intake/monitoring'
import { parseAssessmentRules, type AssessmentRules } from './assessment/rules'
import { parseAlertLevels, type AlertLevelTable } from './alerts/levels'
import subscriptionTemplatesJson from './catalog/subscription-templates.json'
import { findCheck, parseCatalog, type CategoryCatalog } from './case/categories'
import {
  calendarSchema,
  deadlineTableSchema,
  type DeadlineTable,
  type HolidayCalendar,
} from './case/deadlines'
import { policySchema, type Policy } from './case/policy'
import { parsePointsRules, type PointsRuleBook } from './rewards/points'
import { z } from './shared/zod'
import { subscriptionTemplatesSchema, type SubscriptionTemplates } from './notify/subscription'

/**
 * Every table a district may change, in one object. The cloud functions get it from their runtime (validated
 * once at cold start); the client, which cannot be configured per deployment, reads the shipped tables here.
 */
export interface Settings {
  policy: Policy
  deadlines: DeadlineTable
  holidays: HolidayCalendar
  categories: CategoryCatalog
  pointsRules: PointsRuleBook
  /** The monthly assessment's weights, grade thresholds and card deductions: the district's to set. */
  assessment: AssessmentRules
  /** Subscription-message templates per notice kind (ids from the mini-program console). */
  subscriptions: SubscriptionTemplates
  /** When monitoring stations' readings open a case (thresholds, durations, signing skew). */
  monitoring: MonitoringRules
  /** Heavy-pollution alert levels: the categories each concerns, their deadline and urgency, the measures. */
  alertLevels: AlertLevelTable
  /** The site register's types, the thresholds of a site's colour, and how far sites are suggested. */
  sites: SiteRules
}
export type SettingsTable = keyof Settings

const parsers: {
  [T in SettingsTable]: (input: unknown, tables: Partial<Settings>) => Settings[T]
} = {
  policy: (input) => policySchema.parse(input),
  deadlines: (input) => deadlineTableSchema.parse(input),
  holidays: (input) => calendarSchema.parse(input),
  categories: parseCatalog,
  pointsRules: parsePointsRules,
  assessment: parseAssessmentRules,
  subscriptions: (input) => subscriptionTemplatesSchema.parse(input),
  monitoring: (input) => monitoringRulesSchema.parse(input),
  // Checked against the catalog being validated with it, so a level cannot name a category that is gone.
  alertLevels: (input, tables) => parseAlertLevels(input, tables.categories ?? shippedCategories()),
  sites: parseSiteRules,
}
export const settingsTables = Object.keys(parsers) as SettingsTable[]

/** A configuration that cannot be used, naming the table and the field, for the operator who edited it. */
export class SettingsError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`invalid settings: ${field}: ${detail}`)
    this.name = 'SettingsError'
  }
}

function parseTable<T extends SettingsTable>(
  table: T,
  input: unknown,
  tables: Partial<Settings> = {},
): Settings[T] {
  try {
    return parsers[table](input, tables)
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0]!
      const path = [table, ...issue.path.map(String)].join('.')
      throw new SettingsError(path, issue.message)
    }
    throw new SettingsError(table, error instanceof Error ? error.message : String(error))
  }
}

/** The tables as shipped in `src/domain/catalog/*.json`, before validation. */
export const shippedSettingsInput: { [T in SettingsTable]: unknown } = {
  policy: policyJson,
  deadlines: deadlinesJson,
  holidays: holidaysJson,
  categories: categoriesJson,
  pointsRules: pointsRulesJson,
  assessment: assessmentJson,
  subscriptions: subscriptionTemplatesJson,
  monitoring: monitoringJson,
  alertLevels: alertLevelsJson,
  sites: sitesJson,
}

/**
 * Validates a whole configuration: the shipped tables with any overrides, where an override replaces a table
 * whole (a partial table would silently mix two districts' rules). Unknown table names are refused.
 */
export function parseSettings(overrides: Record<string, unknown> = {}): Settings {
  for (const name of Object.keys(overrides)) {
    if (!(settingsTables as string[]).includes(name)) {
      throw new SettingsError(name, `unknown table (known: ${settingsTables.join(', ')})`)
    }
  }
  const input = { ...shippedSettingsInput, ...overrides }
  const categories = parseTable('categories', input.categories)
  const settings: Settings = {
    policy: parseTable('policy', input.policy),
    deadlines: parseTable('deadlines', input.deadlines),
    holidays: parseTable('holidays', input.holidays),
    categories,
    pointsRules: parseTable('pointsRules', input.pointsRules),
    assessment: parseTable('assessment', input.assessment),
    subscriptions: parseTable('subscriptions', input.subscriptions),
    monitoring: parseTable('monitoring', input.monitoring),
    alertLevels: parseTable('alertLevels', input.alertLevels, { categories }),
    sites: parseTable('sites', input.sites),
  }
  const { categoryId, checkId } = settings.monitoring.caseCategory
  if (!findCheck(categoryId, checkId, settings.categories))
    throw new SettingsError(
      'monitoring.caseCategory',
      `${categoryId}/${checkId} is not in the category catalog`,
    )
  return settings
}

const shippedCategories = () => parseCatalog(categoriesJson)

/** The shipped configuration, for the client and for tools that run without a deployment. */
export const shippedSettings: Settings = parseSettings()
