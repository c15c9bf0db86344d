import { Map, View } from '@tarojs/components'
import { useMemo } from 'react'
import { containsPoint } from '@/domain/desk/projection'
import type { GridMapProps } from './grid-map-types'

// Copied into the subpackage as they are (see config/index.ts): WeChat's map takes an icon by path only.
const icons = { open: '/pkg-desk/assets/marker-open.png', overdue: '/pkg-desk/assets/marker-overdue.png' }

/** #rrggbb with an alpha, as WeChat's map wants fill colours. */
const withAlpha = (colour: string, alpha: string) =>
  /^#[0-9a-f]{6}$/i.test(colour) ? colour + alpha : colour

/**
 * The map in the weapp: WeChat's own map component, the grids as polygons over it and the open cases as
 * markers. Its polygons take no taps, so a tap on the map is matched to the grid whose boundary holds it.
 */
export function GridMap({ map, onArea, onMarker }: GridMapProps) {
  const drawn = useMemo(() => {
    const polygons = map.areas.flatMap((area) =>
      area.polygon
        ? [
            {
              points: (area.polygon.coordinates[0] ?? []).map(([longitude, latitude]) => ({
                latitude,
                longitude,
              })),
              strokeWidth: 2,
              strokeColor: '#1677ffcc',
              fillColor: withAlpha(area.colour, '99'),
              zIndex: 1,
            },
          ]
        : [],
    )
    const markers = map.markers.map((marker, index) => ({
      id: index,
      latitude: marker.location.lat,
      longitude: marker.location.lng,
      iconPath: marker.overdue ? icons.overdue : icons.open,
      width: 18,
      height: 18,
      title: `${marker.caseNo} ${marker.categoryName}`,
    }))
    const includePoints = polygons.flatMap((polygon) => polygon.points)
    const first = includePoints[0] ?? markers[0]
    return { polygons, markers, includePoints, centre: first }
  }, [map])

  if (!drawn.centre) return <View className="bg-grid-map bg-grid-map--empty">这一级网格还没有边界数据</View>
  return (
    <Map
      className="bg-grid-map bg-grid-map--weapp"
      latitude={drawn.centre.latitude}
      longitude={drawn.centre.longitude}
      polygons={drawn.polygons}
      markers={drawn.markers}
      includePoints={drawn.includePoints}
      // A map that fails to load still leaves the list of grids beside it to work with.
      onError={() => undefined}
      onMarkerTap={(event) => {
        const marker = map.markers[Number(event.detail.markerId)]
        if (marker) onMarker(marker.id)
      }}
      onTap={(event) => {
        const { latitude, longitude } = (event.detail ?? {}) as { latitude?: number; longitude?: number }
        if (latitude === undefined || longitude === undefined) return
        const area = map.areas.find(
          (a) => a.polygon && containsPoint(a.polygon.coordinates, [longitude, latitude]),
        )
        if (area) onArea(area.grid.id)
      }}
    />
  )
}
