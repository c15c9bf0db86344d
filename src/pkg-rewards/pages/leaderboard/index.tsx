import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import {
  periodKindLabels,
  rankListLabels,
  rankScopeLabels,
  type PeriodKind,
  type RankList,
  type RankScopeType,
} from '@/domain/rewards/points'
import { StateView } from '@/components/state-view'
import { useQuery } from '@/hooks/use-query'
import { RankRow } from '../../components/rank-row'
import { Segmented } from '../../components/segmented'
import './index.scss'

const kinds: { value: PeriodKind; label: string }[] = (['month', 'quarter', 'year'] as const).map(
  (value) => ({ value, label: periodKindLabels[value] }),
)
const scopes: { value: RankScopeType; label: string }[] = (['all', 'district', 'street'] as const).map(
  (value) => ({ value, label: rankScopeLabels[value] }),
)
const lists: { value: RankList; label: string }[] = (['public', 'staff'] as const).map((value) => ({
  value,
  label: rankListLabels[value],
}))

/** Month, quarter and year rankings (top 50) with my own place, also when I am further down. */
export default function LeaderboardPage() {
  const [kind, setKind] = useState<PeriodKind>('month')
  const [scope, setScope] = useState<RankScopeType>('all')
  const [list, setList] = useState<RankList | undefined>(undefined)
  const board = useQuery('points.leaderboard', { kind, scope, ...(list ? { list } : {}), limit: 50 })
  usePullDownRefresh(() => {
    void board.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const data = board.data

  return (
    <View className="bg-page bg-leaderboard">
      <Segmented hook="bg-period" options={kinds} value={kind} onChange={setKind} />
      <View className="bg-leaderboard__filters">
        <Segmented hook="bg-scope" options={scopes} value={scope} onChange={setScope} />
        <Segmented hook="bg-list" options={lists} value={list ?? data?.list ?? 'public'} onChange={setList} />
      </View>

      {data ? (
        <View className="bg-leaderboard__head">
          <Text className="bg-leaderboard__title">{`${data.periodLabel} ${data.title}`}</Text>
          <Text className="bg-leaderboard__sub">
            {`${data.scopeName} · ${data.listLabel}${data.ranked === null ? '' : ` · 共 ${data.ranked} 人`}${data.ended ? '' : ' · 本期进行中，排名实时变化'}`}
          </Text>
        </View>
      ) : null}

      {data ? (
        <View className="bg-leaderboard__me bg-my-rank">
          <Text className="bg-leaderboard__me-text">
            {data.me ? `我的排名：第 ${data.me.rank} 名` : '本期暂无我的积分'}
          </Text>
          <Text className="bg-leaderboard__me-note">
            {data.me ? `${data.me.points} 分 · 受理 ${data.me.acceptedReports} 件` : '举报被受理后即可上榜'}
          </Text>
        </View>
      ) : null}

      <StateView
        loading={board.loading && !data}
        error={data ? undefined : board.error}
        empty={Boolean(data) && data!.items.length === 0}
        emptyText="本期还没有人获得积分"
        onRetry={() => void board.reload()}
      />
      {data && data.items.length > 0 ? (
        <View className="bg-leaderboard__list">
          {data.items.map((row) => (
            <RankRow key={row.rank} row={row} winners={data.winners} />
          ))}
        </View>
      ) : null}
      {data && data.ranked === null ? (
        <Text className="bg-leaderboard__end">{`仅显示前 ${data.items.length} 名`}</Text>
      ) : null}
    </View>
  )
}
