import { Text, View } from '@tarojs/components'
import type { SiteSuggestion } from '../hooks/use-nearby-sites'

export interface SiteSuggestionsProps {
  items: SiteSuggestion[]
  chosenId: string | undefined
  onChoose: (siteId: string | undefined) => void
}

/** 附近的污染源: the registered sites near the place; picking one (optional) files the report under it. */
export function SiteSuggestions({ items, chosenId, onChoose }: SiteSuggestionsProps) {
  if (items.length === 0) return null
  return (
    <View className="bg-section bg-site-suggestions">
      <Text className="bg-section__title">附近登记的污染源（选填）</Text>
      {items.map((item) => (
        <View
          key={item.id}
          className={`bg-row bg-site-suggestion${item.id === chosenId ? ' bg-site-suggestion--on' : ''}`}
          onClick={() => onChoose(item.id === chosenId ? undefined : item.id)}
        >
          <Text className="bg-row__label">{`${item.name}（${item.typeLabel}）`}</Text>
          <Text className="bg-site-suggestion__mark">{item.id === chosenId ? '已选择' : '选择'}</Text>
        </View>
      ))}
      <Text className="bg-section__note">如果问题来自其中一处，选择后举报会归入该污染源的档案。</Text>
    </View>
  )
}
