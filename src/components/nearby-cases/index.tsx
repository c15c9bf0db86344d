import { Image, Text, View } from '@tarojs/components'
import type { CaseView, DistanceBand } from '@/domain/contract'
import { Button } from '../nut/button'
import { StatusTag } from '../status-tag'

export type NearbyCase = CaseView & { distance: DistanceBand }

export interface NearbyCasesProps {
  items: NearbyCase[]
  radiusMeters: number
  /** URL of a case's first photo, already mapped for the platform. */
  thumbUrl: (item: NearbyCase) => string | undefined
  /** The case being joined, while the join runs. */
  joiningId?: string
  onJoin: (item: NearbyCase) => void
  onOpen: (item: NearbyCase) => void
}

/** Open cases of the same category near the chosen place, shown before submitting so the reporter can join one. */
export function NearbyCases({ items, radiusMeters, thumbUrl, joiningId, onJoin, onOpen }: NearbyCasesProps) {
  if (!items.length) return null
  return (
    <View className="bg-nearby">
      <Text className="bg-nearby__title">{`附近${radiusMeters}米内已有 ${items.length} 个同类问题`}</Text>
      <Text className="bg-nearby__note">
        如果是同一个问题，点“附议此问题”即可跟进处理进度，不必重复举报。
      </Text>
      {items.map((item) => {
        const url = thumbUrl(item)
        const joined = item.isMine || item.isFollowing
        return (
          <View key={item.id} className={`bg-nearby__item bg-nearby-${item.caseNo}`}>
            <View className="bg-nearby__body" onClick={() => onOpen(item)}>
              {url ? (
                <Image className="bg-nearby__thumb" src={url} mode="aspectFill" lazyLoad />
              ) : (
                <View className="bg-nearby__thumb" />
              )}
              <View className="bg-nearby__main">
                <View className="bg-nearby__head">
                  <Text className="bg-nearby__check">{item.checkName}</Text>
                  <StatusTag status={item.status} label={item.statusLabel} />
                </View>
                <Text className="bg-nearby__meta">
                  {`${item.distance.label} · ${item.followerCount ? `${item.followerCount}人附议` : '暂无附议'}`}
                </Text>
              </View>
            </View>
            {joined ? (
              <Text className="bg-nearby__joined">{item.isMine ? '这是您举报的问题' : '您已附议'}</Text>
            ) : (
              <Button
                className={`bg-nearby__join bg-join bg-join-${item.caseNo}`}
                type="primary"
                fill="outline"
                loading={joiningId === item.id}
                disabled={joiningId !== undefined}
                onClick={() => onJoin(item)}
              >
                附议此问题
              </Button>
            )}
          </View>
        )
      })}
    </View>
  )
}
