/**
 * What the Taro builds load instead of `zod` (config/index.ts aliases `zod$` here; tsc, jest and the cloud
 * bundles still use the real package).
 *
 * Why: src/domain/zod.ts re-exports zod's `z` namespace object, and once webpack splits the domain into the
 * shared `common` chunk it can no longer tell which members are used, so all of zod ships (~300 KB of the
 * mini-program's main package, JSON-schema tools and every locale included). Named imports tree-shake.
 *
 * Every `z.<member>` the domain uses at runtime must be listed here; test/ui/zod-shim.test.tsx checks that.
 */
import {
  ZodError,
  ZodType,
  array,
  boolean,
  config,
  enum as zodEnum,
  iso,
  literal,
  number,
  object,
  record,
  string,
  tuple,
  union,
  unknown,
} from 'zod/v4'
import type { z as Zod } from 'zod'

type ShimmedMember =
  | 'ZodError'
  | 'ZodType'
  | 'array'
  | 'boolean'
  | 'config'
  | 'enum'
  | 'iso'
  | 'literal'
  | 'number'
  | 'object'
  | 'record'
  | 'string'
  | 'tuple'
  | 'union'
  | 'unknown'

export const z: Pick<typeof Zod, ShimmedMember> = {
  ZodError,
  ZodType,
  array,
  boolean,
  config,
  enum: zodEnum,
  iso,
  literal,
  number,
  object,
  record,
  string,
  tuple,
  union,
  unknown,
}
