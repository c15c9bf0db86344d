import { Text, View } from '@tarojs/components'
import { cx } from '@/utils/class-name'

export interface SegmentedProps<T extends string> {
  options: { value: T; label: string }[]
  value: T
  onChange: (value: T) => void
  /** Hook class prefix, e.g. `bg-period` gives `bg-period-month` on the month tab. */
  hook: string
}

/** A row of tabs (月度 / 季度 / 年度, 市民榜 / 工作人员榜…); controlled. */
export function Segmented<T extends string>({ options, value, onChange, hook }: SegmentedProps<T>) {
  return (
    <View className="bg-segmented">
      {options.map((option) => (
        <View
          key={option.value}
          className={cx(
            'bg-segmented__tab',
            `${hook}-${option.value}`,
            option.value === value && 'bg-segmented__tab--active',
          )}
          onClick={() => onChange(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  )
}
