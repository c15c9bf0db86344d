import { Text, View } from '@tarojs/components'
import { caseChannelLabels } from '@/domain/case/record'
import type { CaseView } from '@/domain/contract'
import { formatBeijingTime } from '@/domain/shared/time'

function Row({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className="bg-detail__row">
      <Text className="bg-detail__label">{label}</Text>
      <Text className={`bg-detail__value ${className ?? ''}`}>{value}</Text>
    </View>
  )
}

/** The case's description and particulars: place, grid, who claimed it, channel, reporter, time. */
export function CaseFacts({ item }: { item: CaseView }) {
  return (
    <View className="bg-section">
      {item.description ? <Text className="bg-detail__description">{item.description}</Text> : null}
      <Row label="位置" value={item.address || '未填写地址'} />
      <Row label="坐标" value={`${item.location.lng.toFixed(6)}, ${item.location.lat.toFixed(6)}`} />
      <Row label="所属网格" value={item.grid.label || item.grid.name} className="bg-grid-label" />
      <Row
        label="认领人"
        value={
          item.claimedBy
            ? `${item.claimedBy.nickname}（${formatBeijingTime(item.claimedBy.at)}）`
            : '暂未认领'
        }
        className="bg-claimed-by"
      />
      {item.jointHandlers.length ? <Row label="联合执法" value={item.jointHandlers.join('、')} /> : null}
      <Row label="来源" value={caseChannelLabels[item.channel]} />
      <Row
        label="举报人"
        value={
          item.anonymous ? (item.isMine ? '匿名（仅您可见）' : '匿名') : (item.reporter?.nickname ?? '—')
        }
      />
      <Row label="提交时间" value={formatBeijingTime(item.createdAt)} />
    </View>
  )
}
