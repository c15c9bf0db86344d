import { Text, View } from '@tarojs/components'
import type { EventView } from '@/domain/contract'
import { cx } from '@/utils/class-name'
import { formatBeijingTime } from '@/domain/time'

export interface TimelineProps {
  events: EventView[]
}

/** A case's trail, newest first, like parcel tracking. */
export function Timeline({ events }: TimelineProps) {
  const ordered = [...events].sort((a, b) => b.seq - a.seq)
  return (
    <View className='bg-timeline'>
      {ordered.map((event, index) => (
        <View key={event.seq} className={cx('bg-timeline__item', index === 0 && 'bg-timeline__item--latest')}>
          <View className='bg-timeline__dot' />
          <View className='bg-timeline__content'>
            <Text className='bg-timeline__label'>{event.label}</Text>
            {event.actorLabel ? <Text className='bg-timeline__actor'>{event.actorLabel}</Text> : null}
            {event.note ? <Text className='bg-timeline__note'>{event.note}</Text> : null}
            <Text className='bg-timeline__time'>{formatBeijingTime(event.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
