import rulesJson from '../catalog/points-rules.json'
import { parsePointsRules, type PointsRuleBook } from './points'

/**
 * The shipped points rules (catalog/points-rules.json), parsed once. Kept apart from points.ts so that the
 * client, which only needs the vocabulary and the period helpers, does not carry the table.
 */
export const defaultPointsRules: PointsRuleBook = parsePointsRules(rulesJson)
