import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/contract'
import { caseChannelLabels } from '@/domain/case/record'
import { formatBeijingTime } from '@/domain/shared/time'
import { deadlineLabel } from '@/utils/case-display'
import { cx } from '@/utils/class-name'

function Row({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className="bg-handle__row">
      <Text className="bg-handle__label">{label}</Text>
      <Text className={cx('bg-handle__value', className)}>{value}</Text>
    </View>
  )
}

/**
 * The facts staff handle a case by: where it is, whose it is, its deadline and who else is on it. A case
 * outside the viewer's grids comes as its public summary: the community and a place rounded to about 100 m.
 */
export function CaseFacts({ item }: { item: CaseView }) {
  const summary = item.view === 'summary'
  return (
    <View className="bg-section">
      {summary ? (
        <Text className="bg-section__note bg-public-summary">
          该问题不在您负责的范围内，仅显示公开信息（位置约精确到100米，不显示举报人和现场照片）。
        </Text>
      ) : null}
      {item.description ? <Text className="bg-handle__description">{item.description}</Text> : null}
      <Row
        label={summary ? '所在区域' : '位置'}
        value={
          summary
            ? `${item.address || item.grid.name}（约 ${item.location.lng.toFixed(3)}, ${item.location.lat.toFixed(3)}）`
            : item.address || `${item.location.lng.toFixed(5)}, ${item.location.lat.toFixed(5)}`
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
      {item.deadlineAt ? <Row label="办理期限" value={deadlineLabel(item.deadlineAt)} /> : null}
      {item.jointHandlers.length ? <Row label="联合执法" value={item.jointHandlers.join('、')} /> : null}
      {item.signOffs.length ? <Row label="已会签" value={item.signOffs.join('、')} /> : null}
      <Row label="来源" value={caseChannelLabels[item.channel]} className="bg-case-channel" />
      <Row
        label="举报人"
        value={item.anonymous ? '匿名' : (item.reporter?.nickname ?? (summary ? '不公开' : '—'))}
      />
      {item.callerContact ? (
        <Row
          label="来电人"
          value={`${item.callerContact.name || '来电群众'} ${item.callerContact.phone}`}
          className="bg-caller-contact"
        />
      ) : null}
      <Row label="附议" value={item.followerCount ? `${item.followerCount}人` : '无'} />
      <Row label="提交时间" value={formatBeijingTime(item.createdAt)} />
    </View>
  )
}
