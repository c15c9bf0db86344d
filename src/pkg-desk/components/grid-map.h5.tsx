import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { boundsOf, fitProjection, pathOf, type LngLat } from '@/domain/desk/projection'
import { formatMapValue } from '@/domain/desk/indicators'
import type { GridMapProps } from './grid-map-types'

const width = 640
const height = 480

/**
 * The map on H5, drawn from the grids' GeoJSON onto an SVG: office PCs on the government network reach no
 * online tile service, and the grids themselves are the map that matters. Tap a grid to drill into it, a
 * case to open it.
 */
export function GridMap({ map, onArea, onMarker }: GridMapProps) {
  const drawing = useMemo(() => {
    const rings: LngLat[][] = [
      ...(map.polygon?.coordinates ?? []),
      ...map.areas.flatMap((area) => area.polygon?.coordinates ?? []),
    ]
    const points: LngLat[] = map.markers.map((marker) => [marker.location.lng, marker.location.lat])
    const bounds = boundsOf(rings.length > 0 ? rings : [points])
    return bounds ? fitProjection(bounds, { width, height, padding: 16 }) : undefined
  }, [map])

  if (!drawing) return <View className="bg-grid-map bg-grid-map--empty">这一级网格还没有边界数据</View>
  const label = (rings: readonly (readonly LngLat[])[]) => {
    const bounds = boundsOf(rings)!
    return drawing.project([(bounds.west + bounds.east) / 2, (bounds.south + bounds.north) / 2])
  }
  return (
    <View className="bg-grid-map">
      <svg
        className="bg-grid-map__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${map.grid.name}${map.indicatorLabel}分布图`}
      >
        {map.polygon ? (
          <path className="bg-grid-map__outline" d={pathOf(map.polygon.coordinates, drawing)} />
        ) : null}
        {map.areas.map((area) =>
          area.polygon ? (
            <path
              key={area.grid.id}
              className={`bg-grid-map__area bg-map-area-${area.grid.id}`}
              d={pathOf(area.polygon.coordinates, drawing)}
              fill={area.colour}
              onClick={() => onArea(area.grid.id)}
            >
              <title>{`${area.grid.name}：${formatMapValue(area.value, map.unit)}`}</title>
            </path>
          ) : null,
        )}
        {map.areas.map((area) => {
          if (!area.polygon) return null
          const [x, y] = label(area.polygon.coordinates)
          return (
            <text
              key={area.grid.id}
              className="bg-grid-map__label"
              x={x}
              y={y}
              fontSize={14}
              textAnchor="middle"
            >
              {formatMapValue(area.value, map.unit)}
            </text>
          )
        })}
        {map.markers.map((marker) => {
          const [x, y] = drawing.project([marker.location.lng, marker.location.lat])
          return (
            <circle
              key={marker.id}
              className={`bg-grid-map__marker bg-map-marker-${marker.id}${marker.overdue ? ' bg-grid-map__marker--overdue' : ''}`}
              cx={x}
              cy={y}
              r={7}
              onClick={() => onMarker(marker.id)}
            >
              <title>{`${marker.caseNo} ${marker.categoryName} · ${marker.statusLabel}`}</title>
            </circle>
          )
        })}
      </svg>
    </View>
  )
}
