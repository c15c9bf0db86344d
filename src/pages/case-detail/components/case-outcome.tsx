import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CaseView } from '@/domain/contract'
import { Button } from '@/components/nut/button'
import { Rate } from '@/components/nut/rate'
import { routes } from '@/utils/routes'

/** How a finished case ended: the reporter's rating, or why it was merged or not accepted. */
export function CaseOutcome({ item }: { item: CaseView }) {
  const resolution = item.resolution
  const mergedInto = resolution?.mergedInto
  return (
    <>
      {item.status === 'closed' && item.rating ? (
        <View className="bg-section bg-detail__rated">
          <Text className="bg-section__title">评价</Text>
          <Rate className="bg-rated" value={item.rating} readOnly />
        </View>
      ) : null}

      {resolution ? (
        <View className="bg-section bg-detail__resolution">
          <Text className="bg-section__title">{item.status === 'merged' ? '已并案' : '不予受理'}</Text>
          <Text className="bg-section__note">
            {item.status === 'merged'
              ? resolution.note
              : `${resolution.label}${resolution.note ? `：${resolution.note}` : ''}`}
          </Text>
          {mergedInto ? (
            <Button
              className="bg-detail__merged-into"
              fill="outline"
              onClick={() => void Taro.navigateTo({ url: routes.caseDetail(mergedInto) })}
            >
              查看合并后的问题
            </Button>
          ) : null}
        </View>
      ) : null}
    </>
  )
}
