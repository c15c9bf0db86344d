import { Text, View } from '@tarojs/components'
import { Button } from '@/components/nut/button'
import { StateView } from '@/components/state-view'

export interface ActButton {
  key: string
  label: string
  hint: string
  tone?: 'primary' | 'danger' | 'default'
}

export interface ActButtonsProps<T extends ActButton> {
  /** The acts to offer; undefined while who the viewer is is still loading. */
  acts: T[] | undefined
  /** Loading who the viewer is failed. */
  error?: { message: string }
  onRetry(): void
  statusLabel: string
  onStart(act: T): void
}

/** The acts a staff member may take now, one button each with who may do it in plain words. */
export function ActButtons<T extends ActButton>({
  acts,
  error,
  onRetry,
  statusLabel,
  onStart,
}: ActButtonsProps<T>) {
  return (
    <View className="bg-section bg-handle__acts">
      <Text className="bg-section__title">可进行的操作</Text>
      {error ? (
        <StateView error={error} onRetry={onRetry} />
      ) : !acts ? (
        <Text className="bg-section__note">加载中…</Text>
      ) : acts.length ? (
        acts.map((act) => (
          <View key={act.key} className="bg-handle__act">
            <Button
              className={`bg-handle__act-button bg-act-${act.key}`}
              type={act.tone === 'danger' ? 'danger' : 'primary'}
              fill={act.tone === 'primary' ? 'solid' : 'outline'}
              size="large"
              block
              onClick={() => onStart(act)}
            >
              {act.label}
            </Button>
            <Text className="bg-handle__act-hint">{act.hint}</Text>
          </View>
        ))
      ) : (
        <Text className="bg-section__note bg-no-acts">{`该问题当前为“${statusLabel}”，您暂时没有可进行的操作。`}</Text>
      )}
      <Text className="bg-section__note">以上按您的角色预估；能否办理以服务器核对网格范围后的结果为准。</Text>
    </View>
  )
}
