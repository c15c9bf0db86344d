import { gridSchema } from './collections'

/** The grid tree (街道 → 社区 → 楼院) and the locator that routes a point to its grid; no actions of its own. */
export const gridContext = { name: 'grid', handlers: {}, jobs: [], ...gridSchema }
