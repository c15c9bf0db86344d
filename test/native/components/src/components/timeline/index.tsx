import type { EventView } from '@/domain/contract'
import { Timeline } from '@/components/timeline'
import type { NativeProps } from '../../native'

export interface TimelineNativeProps extends NativeProps {
  events: EventView[]
  /** Evidence fileIDs are shown as `${photoBase}${fileID}`; without it evidence is not drawn (as in the app). */
  photoBase?: string
}

/** The app's Timeline; a tap on an evidence photo emits `preview` with that event's URLs and the index. */
export default function TimelineNative({ events, photoBase, $scope }: TimelineNativeProps) {
  return (
    <Timeline
      events={events}
      photoUrl={photoBase === undefined ? undefined : (fileID) => `${photoBase}${fileID}`}
      onPreview={(urls, index) => $scope.triggerEvent('preview', { urls, index })}
    />
  )
}
