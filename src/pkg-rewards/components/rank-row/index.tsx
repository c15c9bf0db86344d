import { Text, View } from '@tarojs/components'
import type { RankRow as RankRowView } from '@/domain/contract'
import { cx } from '@/utils/class-name'

export interface RankRowProps {
  row: RankRowView
  /** Places that win the period's award (top N) are marked. */
  winners: number
}

/** One place in a leaderboard: rank, name, points and accepted reports (the first tie-break). */
export function RankRow({ row, winners }: RankRowProps) {
  return (
    <View
      className={cx(
        'bg-rank-row',
        row.isMe && 'bg-rank-row--me bg-rank-me',
        row.rank <= winners && 'bg-rank-row--winner',
      )}
    >
      <Text className={cx('bg-rank-row__rank', row.rank <= 3 && `bg-rank-row__rank--top${row.rank}`)}>
        {row.rank}
      </Text>
      <View className="bg-rank-row__who">
        <Text className="bg-rank-row__name">{row.isMe ? `${row.nickname}（我）` : row.nickname}</Text>
        <Text className="bg-rank-row__meta">{`受理举报 ${row.acceptedReports} 件`}</Text>
      </View>
      <Text className="bg-rank-row__points">{`${row.points}分`}</Text>
    </View>
  )
}
