import type { gridActions } from '../../../src/domain/grid/contract'
import type { HandlerMap } from '../api/handler'
import { gridSchema } from './collections'
import { importGrids } from './handlers'

const handlers: HandlerMap<keyof typeof gridActions> = { 'grid.import': importGrids }

/** The grid tree (街道 → 社区 → 楼院), the locator that routes a point to its grid, and the office's import. */
export const gridContext = { name: 'grid', handlers, jobs: [], ...gridSchema }
