import { Text, View } from '@tarojs/components'
import { formatBeijingTime } from '@/domain/shared/time'
import { useQuery } from '@/hooks/use-query'

/** How many of the latest readings the bars show; the count and the peaks cover the whole episode. */
const barsShown = 48

/**
 * A monitoring case's curve (在线监测): the station, the episode's span, its peaks, and its latest PM10
 * readings as bars, so that whoever handles the case sees how high and how long the air was over.
 */
export function SensorCurve({ caseId }: { caseId: string }) {
  const episode = useQuery('station.episode', { caseId })
  if (!episode.data) return null
  const { station, openedAt, closedAt, readingCount, peak, curve } = episode.data
  const shown = curve.slice(-barsShown)
  const top = Math.max(1, ...shown.map((point) => point.pm10))
  return (
    <View className="bg-section bg-sensor-curve">
      <Text className="bg-section__title">在线监测数据</Text>
      <Text className="bg-section__note">{`站点：${station.name}`}</Text>
      <Text className="bg-section__note bg-sensor-span">
        {`超标开始：${formatBeijingTime(openedAt)}；${closedAt ? `恢复：${formatBeijingTime(closedAt)}` : '尚未恢复'}`}
      </Text>
      <Text className="bg-section__note bg-sensor-peak">
        {`共${readingCount}条读数，峰值 PM10 ${peak.pm10} μg/m³，PM2.5 ${peak.pm25} μg/m³`}
      </Text>
      <View className="bg-sensor-curve__bars">
        {shown.map((point) => (
          <View
            key={point.at}
            className="bg-sensor-curve__bar"
            style={{ height: `${Math.round((point.pm10 / top) * 100)}%` }}
          />
        ))}
      </View>
      <Text className="bg-section__note">{`最近${shown.length}条 PM10 读数`}</Text>
    </View>
  )
}
