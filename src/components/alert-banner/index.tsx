import { Text, View } from '@tarojs/components'
import { formatBeijingTime } from '@/domain/shared/time'
import { useQuery } from '@/hooks/use-query'
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show'
import { cx } from '@/utils/class-name'
import './index.scss'

/**
 * The heavy-pollution alert in force in the viewer's district (重污染天气预警): its level in the level's
 * colour, the measures and the end. Nothing is shown without an alert, or when it cannot be read: the
 * banner is a notice, never a reason for a page to fail.
 */
export function AlertBanner() {
  const current = useQuery('alert.current', {})
  useRefreshOnShow(() => void current.reload())
  const alert = current.data?.alert
  if (!alert) return null
  return (
    <View
      className={cx('bg-alert-banner', `bg-alert-banner--${alert.level}`)}
      style={{ borderColor: alert.colour }}
    >
      <View className="bg-alert-banner__line">
        <Text className="bg-alert-banner__level" style={{ backgroundColor: alert.colour }}>
          {alert.label}
        </Text>
        <Text className="bg-alert-banner__ends">预计 {formatBeijingTime(alert.endsAt)} 解除</Text>
      </View>
      <Text className="bg-alert-banner__measures">{alert.measures}</Text>
    </View>
  )
}
