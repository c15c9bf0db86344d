import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { ActionOutput } from '@/domain/contract'
import { StateView } from '@/components/state-view'
import { useQuery } from '@/hooks/use-query'
import { cx } from '@/utils/class-name'
import { decodedParam, routes } from '@/utils/routes'
import { hoursText, percent } from '../../desk/figures'
import './index.scss'

type Charts = ActionOutput<'stats.charts'>

/** A bar's length as a share of the longest, never so short that a non-zero bar disappears. */
const length = (value: number, most: number) =>
  value <= 0 || most <= 0 ? '0%' : `${Math.max(2, (value / most) * 100)}%`

function Card({
  hook,
  title,
  note,
  children,
}: {
  hook: string
  title: string
  note?: string
  children: React.ReactNode
}) {
  return (
    <View className={cx('bg-section bg-charts__card', hook)}>
      <Text className="bg-charts__title">{title}</Text>
      {note ? <Text className="bg-charts__note">{note}</Text> : null}
      {children}
    </View>
  )
}

/** Received and closed, week by week: two columns a week, the running one marked. */
function WeeksChart({ weeks }: { weeks: Charts['weeks'] }) {
  const most = Math.max(0, ...weeks.flatMap((week) => [week.received, week.closed]))
  return (
    <Card hook="bg-chart-weeks" title="每周受理与结案" note={`近${weeks.length}周 · 末周统计中`}>
      <View className="bg-charts__legend">
        <Text className="bg-charts__key bg-charts__key--received">受理</Text>
        <Text className="bg-charts__key bg-charts__key--closed">结案</Text>
      </View>
      <View className="bg-charts__columns">
        {weeks.map((week) => (
          <View
            key={week.period}
            className={cx(
              'bg-charts__week',
              `bg-chart-week-${week.period}`,
              !week.ended && 'bg-charts__week--running',
            )}
          >
            <View className="bg-charts__pair">
              <View className="bg-charts__column">
                <Text className="bg-charts__count">{week.received}</Text>
                <View
                  className="bg-charts__bar bg-charts__bar--received"
                  style={{ height: length(week.received, most) }}
                />
              </View>
              <View className="bg-charts__column">
                <Text className="bg-charts__count">{week.closed}</Text>
                <View
                  className="bg-charts__bar bg-charts__bar--closed"
                  style={{ height: length(week.closed, most) }}
                />
              </View>
            </View>
            <Text className="bg-charts__axis">{week.ended ? week.axisLabel : '统计中'}</Text>
          </View>
        ))}
      </View>
    </Card>
  )
}

/** Horizontal bars with a name and a figure each. */
function Rows({
  rows,
}: {
  rows: Array<{ key: string; hook: string; name: string; share: string; text: string }>
}) {
  return (
    <View className="bg-charts__rows">
      {rows.map((row) => (
        <View key={row.key} className={cx('bg-charts__row', row.hook)}>
          <Text className="bg-charts__name">{row.name}</Text>
          <View className="bg-charts__track">
            <View className="bg-charts__fill" style={{ width: row.share }} />
          </View>
          <Text className="bg-charts__figure">{row.text}</Text>
        </View>
      ))}
    </View>
  )
}

function CategoriesChart({ charts }: { charts: Charts }) {
  const counted = charts.categories.filter((bar) => bar.count > 0)
  const most = Math.max(0, ...counted.map((bar) => bar.count))
  return (
    <Card
      hook="bg-chart-categories"
      title="问题类别构成"
      note={`${charts.month.label}受理${charts.month.ended ? '' : ' · 统计中'}`}
    >
      {counted.length === 0 ? <Text className="bg-charts__empty">本月暂无受理</Text> : null}
      <Rows
        rows={counted.map((bar) => ({
          key: bar.categoryId,
          hook: `bg-chart-category-${bar.categoryId}`,
          name: bar.name,
          share: length(bar.count, most),
          text: String(bar.count),
        }))}
      />
    </Card>
  )
}

function CloseTimeChart({ charts }: { charts: Charts }) {
  const { bins, count, p90Hours } = charts.closeTime
  const most = Math.max(0, ...bins.map((bin) => bin.count))
  return (
    <Card
      hook="bg-chart-close-time"
      title="办结用时分布"
      note={
        count > 0
          ? `${charts.month.label}办结 ${count} 件 · 九成在 ${hoursText(p90Hours)} 内`
          : `${charts.month.label}暂无办结`
      }
    >
      <View className="bg-charts__columns">
        {bins.map((bin, index) => (
          <View key={bin.label} className={cx('bg-charts__bin', `bg-chart-bin-${index}`)}>
            <View className="bg-charts__column">
              <Text className="bg-charts__count">{bin.count}</Text>
              <View
                className="bg-charts__bar bg-charts__bar--time"
                style={{ height: length(bin.count, most) }}
              />
            </View>
            <Text className="bg-charts__axis">{bin.label}</Text>
          </View>
        ))}
      </View>
    </Card>
  )
}

function RankingChart({ charts }: { charts: Charts }) {
  return (
    <Card
      hook="bg-chart-ranking"
      title="下级按期结案率排名"
      note={`${charts.month.label} · 按期结案 / 应结案`}
    >
      {charts.ranking.length === 0 ? <Text className="bg-charts__empty">网格没有下级</Text> : null}
      <Rows
        rows={charts.ranking.map((bar, index) => ({
          key: bar.grid.id,
          hook: `bg-chart-rank-${bar.grid.id}`,
          name: `${index + 1}. ${bar.grid.name}`,
          share: bar.onTimeClosure === null ? '0%' : `${bar.onTimeClosure * 100}%`,
          text: `${percent(bar.onTimeClosure)} · 受理 ${bar.received}`,
        }))}
      />
    </Card>
  )
}

/**
 * 图表分析: a node's last twelve weeks of received and closed, and this month's categories, times to close
 * and children by on-time closure, drawn as bars of plain views (no canvas: the same on weapp and H5).
 */
export default function DeskChartsPage() {
  const { params } = useRouter()
  const gridId = decodedParam(params.gridId)
  const charts = useQuery('stats.charts', gridId ? { gridId } : {})
  usePullDownRefresh(() => void charts.reload().finally(() => Taro.stopPullDownRefresh()))
  const data = charts.data
  return (
    <View className="bg-page bg-charts">
      {data ? (
        <View className="bg-charts__head">
          <Text className="bg-charts__heading">{data.grid.label || data.grid.name}</Text>
          <Text
            className="bg-charts__link bg-charts-open-overview"
            onClick={() => void Taro.navigateTo({ url: routes.deskOverview(data.gridId) })}
          >
            指标总览 ›
          </Text>
        </View>
      ) : null}
      <StateView
        loading={charts.loading && !data}
        error={data ? undefined : charts.error}
        onRetry={() => void charts.reload()}
      />
      {data ? (
        <View className="bg-charts__grid">
          <WeeksChart weeks={data.weeks} />
          <CategoriesChart charts={data} />
          <CloseTimeChart charts={data} />
          <RankingChart charts={data} />
        </View>
      ) : null}
    </View>
  )
}
