import { Text } from '@tarojs/components'
import { hookSafe } from '@/utils/class-name'

export interface FieldErrorProps {
  /** The field's dotted path, for the e2e hook `bg-field-error-<field>`. */
  field: string
  message?: string
}

export function FieldError({ field, message }: FieldErrorProps) {
  if (!message) return null
  return <Text className={`bg-field-error bg-field-error-${hookSafe(field)}`}>{message}</Text>
}
