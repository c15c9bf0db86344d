// Type face of the map component: Taro's build resolves grid-map.weapp.tsx (WeChat's map component) or
// grid-map.h5.tsx (a drawn SVG, no tile service) first and never bundles this file; tsc and jest see it.
import type { GridMapProps } from './grid-map-types'
import type * as Weapp from './grid-map.weapp'
import type * as H5 from './grid-map.h5'

type Conforms<T extends { GridMap: (props: GridMapProps) => unknown }> = T
export type WeappConforms = Conforms<typeof Weapp>
export type H5Conforms = Conforms<typeof H5>

export function GridMap(_props: GridMapProps): never {
  throw new Error('pkg-desk/grid-map: no platform implementation was resolved (build with Taro or mock it)')
}
