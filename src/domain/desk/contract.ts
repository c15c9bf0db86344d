import { z } from '../shared/zod'
import { gcj02PointSchema } from '../shared/geo'
import { gcj02PolygonSchema } from '../grid/tree'
import { gridRefSchema } from '../grid/contract'
import { caseStatusSchema } from '../case/status'
import { deskInputs, mapIndicatorSchema } from './inputs'

export * from './inputs'

/** One grid drawn on the map: its boundary (GCJ-02, absent when never surveyed), value and colour class. */
export const mapAreaSchema = z.object({
  grid: gridRefSchema,
  polygon: gcj02PolygonSchema.nullable(),
  /** The indicator's value as `stats.overview` of this grid shows it; null for a rate of nothing. */
  value: z.number().nullable(),
  /** 0 (lowest values) to 4; null without a value. */
  bin: z.number().int().min(0).max(4).nullable(),
  colour: z.string(),
  /** It has grids of its own to drill into. */
  drillable: z.boolean(),
})
export type MapArea = z.infer<typeof mapAreaSchema>

/** An open case on the map, where it was reported. */
export const mapMarkerSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  status: caseStatusSchema,
  statusLabel: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  location: gcj02PointSchema,
  overdue: z.boolean(),
  createdAt: z.string(),
})
export type MapMarker = z.infer<typeof mapMarkerSchema>

export const deskMapSchema = z.object({
  grid: gridRefSchema,
  polygon: gcj02PolygonSchema.nullable(),
  /** The node above, when the caller may see it too (the way back up); null at the top of their scope. */
  parent: gridRefSchema.nullable(),
  period: z.string(),
  periodLabel: z.string(),
  indicator: mapIndicatorSchema,
  indicatorLabel: z.string(),
  unit: z.enum(['count', 'share']),
  higherIsWorse: z.boolean(),
  /** The node's child grids, or the node itself when it has none. */
  areas: z.array(mapAreaSchema),
  legend: z.array(
    z.object({
      bin: z.number().int(),
      from: z.number(),
      to: z.number(),
      label: z.string(),
      colour: z.string(),
    }),
  ),
  markers: z.array(mapMarkerSchema),
  /** More open cases matched than the map shows. */
  truncated: z.boolean(),
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
})
export type DeskMap = z.infer<typeof deskMapSchema>

export const deskActions = {
  'desk.map': { input: deskInputs['desk.map'], output: deskMapSchema },
} as const
