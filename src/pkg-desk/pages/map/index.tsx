import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import {
  formatMapValue,
  mapIndicatorSpecs,
  mapIndicators,
  markerFilterLabels,
  markerFilters,
  type MapIndicator,
  type MarkerFilter,
} from '@/domain/desk/indicators'
import { noDataColour } from '@/domain/desk/bins'
import { mapPeriods } from '@/domain/desk/periods'
import { StateView } from '@/components/state-view'
import { useQuery } from '@/hooks/use-query'
import { decodedParam, routes } from '@/utils/routes'
import { GridMap } from '@/pkg-desk/components/grid-map'
import './index.scss'

interface Chip<T extends string> {
  id: T
  label: string
}

function Chips<T extends string>(props: {
  name: string
  options: readonly Chip<T>[]
  value: T
  onChange: (value: T) => void
}) {
  return (
    <View className={`bg-map__chips bg-map-${props.name}`}>
      {props.options.map((option) => (
        <Text
          key={option.id || 'all'}
          className={`bg-map__chip bg-map-${props.name}-${option.id || 'all'}${props.value === option.id ? ' bg-map__chip--on' : ''}`}
          onClick={() => props.onChange(option.id)}
        >
          {option.label}
        </Text>
      ))}
    </View>
  )
}

/**
 * 挂图作战: the caller's grids coloured by one indicator of a period, with the open cases on them. A grid
 * drills into its own grids, the header climbs back up; a case opens its handling page. At desktop width
 * the map sits beside the legend and the list of grids, at phone width above them.
 */
export default function DeskMapPage() {
  const router = useRouter()
  const [gridId, setGridId] = useState(decodedParam(router.params.grid))
  const periods = useMemo(() => mapPeriods(new Date()), [])
  const [period, setPeriod] = useState(periods[0]!.key)
  const [indicator, setIndicator] = useState<MapIndicator>('received')
  const [category, setCategory] = useState('')
  const [status, setStatus] = useState<MarkerFilter>('open')
  const query = useQuery('desk.map', {
    ...(gridId ? { gridId } : {}),
    period,
    indicator,
    ...(category ? { category } : {}),
    status,
  })
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const map = query.data

  const drill = (id: string) => {
    if (map && id !== map.grid.id) setGridId(id)
  }
  const openCase = (id: string) => void Taro.navigateTo({ url: routes.handle(id) })

  return (
    <View className="bg-page bg-map-page">
      <View className="bg-section bg-map__filters">
        <Chips
          name="period"
          options={periods.map((p) => ({ id: p.key, label: p.label }))}
          value={period}
          onChange={setPeriod}
        />
        <Chips
          name="indicator"
          options={mapIndicators.map((id) => ({ id, label: mapIndicatorSpecs[id].label }))}
          value={indicator}
          onChange={setIndicator}
        />
        <Chips
          name="status"
          options={markerFilters.map((id) => ({ id, label: markerFilterLabels[id] }))}
          value={status}
          onChange={setStatus}
        />
        <Chips
          name="category"
          options={[
            { id: '', label: '全部类别' },
            ...(map?.categories ?? []).map((c) => ({ id: c.id, label: c.name })),
          ]}
          value={category}
          onChange={setCategory}
        />
      </View>

      {map ? (
        <View className="bg-map__head">
          {map.parent ? (
            <Text className="bg-map__up" onClick={() => setGridId(map.parent!.id)}>
              {`‹ ${map.parent.name}`}
            </Text>
          ) : null}
          <Text className="bg-map__title">{`${map.grid.name} · ${map.periodLabel} · ${map.indicatorLabel}`}</Text>
        </View>
      ) : null}

      <StateView
        loading={query.loading && !map}
        error={map ? undefined : query.error}
        onRetry={() => void query.reload()}
      />
      {map ? (
        <View className="bg-map__body">
          <View className="bg-map__canvas">
            <GridMap map={map} onArea={drill} onMarker={openCase} />
            <Text className="bg-map__markers-note">
              {`未结问题 ${map.markers.length} 件${map.truncated ? `（仅显示前 ${map.markers.length} 件）` : ''}`}
            </Text>
          </View>
          <View className="bg-map__side">
            <View className="bg-section bg-map__legend">
              <Text className="bg-map__legend-title">
                {`${map.indicatorLabel}（${map.higherIsWorse ? '越高越差' : '越高越好'}）`}
              </Text>
              {map.legend.map((entry) => (
                <View key={entry.bin} className={`bg-map__legend-row bg-map-legend-${entry.bin}`}>
                  <View className="bg-map__swatch" style={{ background: entry.colour }} />
                  <Text>{entry.label}</Text>
                </View>
              ))}
              <View className="bg-map__legend-row">
                <View className="bg-map__swatch" style={{ background: noDataColour }} />
                <Text>无数据</Text>
              </View>
            </View>
            <View className="bg-section bg-map__list">
              {map.areas.map((area) => (
                <View
                  key={area.grid.id}
                  className={`bg-map__row bg-map-row-${area.grid.id}`}
                  onClick={() => drill(area.grid.id)}
                >
                  <View className="bg-map__swatch" style={{ background: area.colour }} />
                  <Text className="bg-map__row-name">{area.grid.name}</Text>
                  <Text className="bg-map__row-value">{formatMapValue(area.value, map.unit)}</Text>
                  <Text className="bg-map__row-more">{area.grid.id === map.grid.id ? '' : '›'}</Text>
                </View>
              ))}
            </View>
          </View>
        </View>
      ) : null}
    </View>
  )
}
