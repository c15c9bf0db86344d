import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { StateView } from '@/components/state-view'
import { routes } from '@/utils/routes'
import { LedgerItem } from '../../components/ledger-item'
import { useMyPoints } from '../../hooks/use-my-points'
import './index.scss'

type Month = NonNullable<ReturnType<typeof useMyPoints>['summary']>['month']

/** "距月度环保市民（前10名）还差 12 分" and a bar, or why there is no standing yet. */
function MonthProgress({ month, inList }: { month: Month; inList: boolean }) {
  const line = !inList
    ? '您的角色不参加积分评比'
    : month.rank === null
      ? '本月还没有积分，举报被受理后即可上榜'
      : `本月 ${month.points} 分，本区第 ${month.rank} 名${month.total === null ? '' : `（共 ${month.total} 人）`}`
  const reached = month.gap === 0
  const share =
    month.gap === null || month.points <= 0
      ? 0
      : Math.min(100, Math.round((month.points / (month.points + month.gap)) * 100))
  return (
    <View className="bg-my-points__progress bg-month-progress">
      <Text className="bg-my-points__progress-title">{`${month.periodLabel} · ${month.title}`}</Text>
      <Text className="bg-my-points__progress-line bg-month-rank">{line}</Text>
      {inList && month.gap !== null ? (
        <Text className="bg-my-points__progress-line bg-month-gap">
          {reached
            ? `已进入前 ${month.winners} 名，继续保持！`
            : `距${month.title}（前 ${month.winners} 名）还差 ${month.gap} 分`}
        </Text>
      ) : null}
      {inList && month.gap !== null ? (
        <View className="bg-my-points__bar">
          <View className="bg-my-points__bar-fill" style={{ width: `${reached ? 100 : share}%` }} />
        </View>
      ) : null}
    </View>
  )
}

export default function MyPointsPage() {
  const points = useMyPoints(20)
  usePullDownRefresh(() => {
    void points.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const { summary } = points

  if (!summary) {
    return (
      <View className="bg-page bg-my-points">
        <StateView loading={points.loading} error={points.error} onRetry={() => void points.reload()} />
      </View>
    )
  }

  return (
    <View className="bg-page bg-my-points">
      <View className="bg-my-points__card">
        <Text className="bg-my-points__label">我的积分</Text>
        <Text className="bg-my-points__balance bg-balance">{summary.balance}</Text>
        <Text className="bg-my-points__list">{summary.listLabel}</Text>
      </View>

      <MonthProgress month={summary.month} inList={summary.list !== null} />

      <View className="bg-rewards-links">
        <Text
          className="bg-rewards-links__item bg-leaderboard-entry"
          onClick={() => void Taro.navigateTo({ url: routes.leaderboard })}
        >
          排行榜 ›
        </Text>
        <Text
          className="bg-rewards-links__item bg-honors-entry"
          onClick={() => void Taro.navigateTo({ url: routes.honors })}
        >
          荣誉榜 ›
        </Text>
      </View>

      <View className="bg-my-points__ledger">
        <Text className="bg-my-points__ledger-title">积分明细</Text>
        {points.error ? (
          <Text className="bg-my-points__error">{`${points.error.message}，下拉可刷新`}</Text>
        ) : null}
        <StateView
          empty={points.items.length === 0}
          emptyText="还没有积分记录。随手拍举报的问题被受理后，就能获得积分"
        />
        {points.items.map((item) => (
          <LedgerItem
            key={item.id}
            item={item}
            onOpenCase={(caseId) => void Taro.navigateTo({ url: routes.caseDetail(caseId) })}
          />
        ))}
      </View>

      {points.hasMore ? (
        <Button
          className="bg-rewards-more bg-load-more"
          loading={points.loadingMore}
          onClick={() => void points.loadMore()}
        >
          {points.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : null}

      <View className="bg-my-points__rules">
        <Text className="bg-my-points__ledger-title">积分规则</Text>
        {summary.rules.map((line) => (
          <Text key={line} className="bg-my-points__rule">{`· ${line}`}</Text>
        ))}
      </View>
    </View>
  )
}
