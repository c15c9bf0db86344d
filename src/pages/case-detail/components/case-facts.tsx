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

/** What the reporter line says: the name, or why there is none. */
function reporterText(item: CaseView): string {
  if (item.anonymous) return item.isMine ? '匿名（仅您可见）' : '匿名'
  if (item.reporter) return item.reporter.nickname
  return item.view === 'summary' ? '不公开' : '—'
}

/**
 * The case's description and particulars: place, grid, who claimed it, channel, reporter, time. A public
 * summary has only the community and a place rounded to about 100 m, and says so.
 */
export function CaseFacts({ item }: { item: CaseView }) {
  const summary = item.view === 'summary'
  return (
    <View className="bg-section">
      {summary ? (
        <Text className="bg-section__note bg-public-summary">
          以下为公开信息：位置约精确到100米，不显示举报人、详细地址和现场照片。
        </Text>
      ) : null}
      {item.description ? <Text className="bg-detail__description">{item.description}</Text> : null}
      <Row label={summary ? '所在区域' : '位置'} value={item.address || '未填写地址'} />
      <Row
        label={summary ? '大致坐标' : '坐标'}
        value={
          summary
            ? `约 ${item.location.lng.toFixed(3)}, ${item.location.lat.toFixed(3)}`
            : `${item.location.lng.toFixed(6)}, ${item.location.lat.toFixed(6)}`
        }
      />
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
      <Row label="举报人" value={reporterText(item)} />
      <Row label="提交时间" value={formatBeijingTime(item.createdAt)} />
    </View>
  )
}
