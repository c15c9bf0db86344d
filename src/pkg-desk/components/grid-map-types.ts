import type { DeskMap } from '@/domain/desk/contract'

/** What either drawing of the map takes: the answer of `desk.map`, and what a tap on a grid or a case does. */
export interface GridMapProps {
  map: DeskMap
  onArea: (gridId: string) => void
  onMarker: (caseId: string) => void
}
