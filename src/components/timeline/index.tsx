import { Image, Text, View } from '@tarojs/components'
import type { EventView } from '@/domain/contract'
import { formatBeijingTime } from '@/domain/shared/time'
import { cx } from '@/utils/class-name'

export interface TimelineProps {
  events: EventView[]
  /** Maps an evidence fileID to a URL the Image component can show; without it evidence is not drawn. */
  photoUrl?: (fileID: string) => string
  /** Tap on an evidence photo: all URLs of that event and the index tapped. */
  onPreview?: (urls: string[], index: number) => void
}

/**
 * A case's trail, newest first, like parcel tracking; acts that carry photos (整改, 部门处置) show them, and in
 * place of a photo still being checked (or found risky, to its uploader) what the server says stands there.
 */
export function Timeline({ events, photoUrl, onPreview }: TimelineProps) {
  const ordered = [...events].sort((a, b) => b.seq - a.seq)
  return (
    <View className="bg-timeline">
      {ordered.map((event, index) => {
        const urls = photoUrl ? event.evidence.map(photoUrl) : []
        return (
          <View
            key={event.seq}
            className={cx(
              'bg-timeline__item',
              `bg-timeline-${event.type}`,
              index === 0 && 'bg-timeline__item--latest',
            )}
          >
            <View className="bg-timeline__dot" />
            <View className="bg-timeline__content">
              <Text className="bg-timeline__label">{event.label}</Text>
              {event.actorLabel ? <Text className="bg-timeline__actor">{event.actorLabel}</Text> : null}
              {event.note ? <Text className="bg-timeline__note">{event.note}</Text> : null}
              {urls.length ? (
                <View className="bg-timeline__photos">
                  {urls.map((url, photoIndex) => (
                    <Image
                      key={url}
                      className="bg-timeline__photo"
                      src={url}
                      mode="aspectFill"
                      lazyLoad
                      onClick={() => onPreview?.(urls, photoIndex)}
                    />
                  ))}
                </View>
              ) : null}
              {/* An answer from a server before the checks applied to evidence has none. */}
              {(event.heldEvidence ?? []).map((held, heldIndex) => (
                <Text key={heldIndex} className={cx('bg-timeline__held', `bg-timeline__held--${held.state}`)}>
                  {held.label}
                </Text>
              ))}
              <Text className="bg-timeline__time">{formatBeijingTime(event.at)}</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
