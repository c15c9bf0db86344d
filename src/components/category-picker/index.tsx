import { Picker, Text, View } from '@tarojs/components'
import type { Category } from '@/domain/case/categories'
import { cx } from '@/utils/class-name'
import { FieldError } from '../field-error'

export interface CategoryChoice {
  categoryId: string
  checkId: string
}

export interface CategoryPickerProps extends CategoryChoice {
  categories: readonly Category[]
  onChange: (next: CategoryChoice) => void
  errors?: { categoryId?: string; checkId?: string }
}

function indexFrom(detail: { value: string | number | unknown }): number {
  const index = Number(detail.value)
  return Number.isInteger(index) ? index : -1
}

/** Two pickers: one of the nine categories, then one of its checks. Choosing a category clears the check. */
export function CategoryPicker({
  categories,
  categoryId,
  checkId,
  onChange,
  errors = {},
}: CategoryPickerProps) {
  const categoryIndex = categories.findIndex((category) => category.id === categoryId)
  const category = categoryIndex >= 0 ? categories[categoryIndex] : undefined
  const checks = category?.checks ?? []
  const checkIndex = checks.findIndex((check) => check.id === checkId)
  const check = checkIndex >= 0 ? checks[checkIndex] : undefined

  return (
    <View className="bg-category-picker-field">
      <Picker
        mode="selector"
        className="bg-category-picker"
        range={categories.map((item) => item.name)}
        value={Math.max(0, categoryIndex)}
        onChange={(event) => {
          const next = categories[indexFrom(event.detail)]
          if (next && next.id !== categoryId) onChange({ categoryId: next.id, checkId: '' })
        }}
      >
        <View className={cx('bg-picker', !category && 'bg-picker--placeholder')}>
          <Text className="bg-picker__label">问题类别</Text>
          <Text className="bg-picker__value">{category ? category.name : '请选择'}</Text>
          <Text className="bg-picker__arrow">›</Text>
        </View>
      </Picker>
      {category?.hint ? <Text className="bg-picker__hint">{category.hint}</Text> : null}
      <FieldError field="categoryId" message={errors.categoryId} />

      <Picker
        mode="selector"
        className="bg-check-picker"
        range={checks.map((item) => item.name)}
        value={Math.max(0, checkIndex)}
        disabled={!category}
        onChange={(event) => {
          const next = checks[indexFrom(event.detail)]
          if (next) onChange({ categoryId, checkId: next.id })
        }}
      >
        <View
          className={cx('bg-picker', !check && 'bg-picker--placeholder', !category && 'bg-picker--disabled')}
        >
          <Text className="bg-picker__label">具体问题</Text>
          <Text className="bg-picker__value">
            {check ? check.name : category ? '请选择' : '请先选择问题类别'}
          </Text>
          <Text className="bg-picker__arrow">›</Text>
        </View>
      </Picker>
      <FieldError field="checkId" message={errors.checkId} />
    </View>
  )
}
