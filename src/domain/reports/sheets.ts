import type { GridTree } from '../grid/tree'
import { storedFields, type Change } from './contributions'
import { statsDocId, statsHomeOf, statsPeriodKeys, trackedNodes } from './rollup'

/** What changes land on one stats document: its home and period, and an amount per field path. */
export interface SheetIncrement {
  docId: string
  home: string
  period: string
  /** `n.<node>.<field>` → the amount to add (negative to take away). */
  fields: Map<string, number>
}

/**
 * Where changes land: each on its grid and every level above it, in every period of its instant, in the
 * document of each node's home. Amounts that cancel out are dropped, and so are documents left with none.
 */
export function sheetIncrements(changes: readonly Change[], tree: GridTree): Map<string, SheetIncrement> {
  const sheets = new Map<string, SheetIncrement>()
  const nodes = new Map<string, Array<{ node: string; home: string }>>()
  const placed = (gridId: string) => {
    let found = nodes.get(gridId)
    if (!found) {
      found = trackedNodes(tree, gridId).flatMap((node) => {
        const home = statsHomeOf(tree, node)
        return home ? [{ node, home }] : []
      })
      nodes.set(gridId, found)
    }
    return found
  }
  for (const change of changes) {
    const fields = storedFields(change)
    const periods = statsPeriodKeys(change.at)
    for (const { node, home } of placed(change.gridId)) {
      for (const period of periods) {
        const docId = statsDocId(home, period)
        let sheet = sheets.get(docId)
        if (!sheet) sheets.set(docId, (sheet = { docId, home, period, fields: new Map() }))
        for (const [path, amount] of fields) {
          const field = `n.${node}.${path}`
          sheet.fields.set(field, (sheet.fields.get(field) ?? 0) + amount)
        }
      }
    }
  }
  for (const [docId, sheet] of sheets) {
    for (const [field, amount] of sheet.fields) if (amount === 0) sheet.fields.delete(field)
    if (sheet.fields.size === 0) sheets.delete(docId)
  }
  return sheets
}
