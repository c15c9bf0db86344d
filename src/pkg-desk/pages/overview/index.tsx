import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import type { StatsIndicator } from '@/domain/reports/indicators'
import { formatBeijingTime, periodLabel, type CalendarPeriod } from '@/domain/shared/time'
import { StateView } from '@/components/state-view'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useQuery } from '@/hooks/use-query'
import { cx } from '@/utils/class-name'
import { listCount } from '@/utils/list-count'
import { decodedParam, routes } from '@/utils/routes'
import { figureGroups, overviewKinds, overviewPeriod, type Figure } from '../../desk/figures'
import './index.scss'

interface Drill {
  indicator: StatsIndicator
  value?: string
  label: string
}

/** The cases behind one figure, a page at a time, each opening the case to handle. */
function DrillList({
  gridId,
  period,
  drill,
  onBack,
}: {
  gridId: string
  period: string
  drill: Drill
  onBack: () => void
}) {
  const list = usePagedQuery(
    'stats.cases',
    { gridId, period, indicator: drill.indicator, ...(drill.value ? { value: drill.value } : {}) },
    { pageSize: 20 },
  )
  useReachBottom(() => {
    if (list.hasMore && !list.moreError) void list.loadMore()
  })
  return (
    <View className="bg-section bg-desk-ov__drill bg-desk-drill">
      <View className="bg-desk-ov__drill-head">
        <Text className="bg-desk-ov__back bg-desk-drill-back" onClick={onBack}>
          ‹ 返回指标
        </Text>
        <Text className="bg-desk-ov__drill-title">
          {list.last ? `${drill.label}：共 ${listCount(list.total, list.items.length)} 件` : drill.label}
        </Text>
      </View>
      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : undefined}
        empty={!list.loading && !list.error && list.items.length === 0}
        emptyText="该指标下没有问题"
        onRetry={() => void list.reload()}
      />
      {list.items.map((item) => (
        <View
          key={item.id}
          className={cx('bg-desk-ov__case', `bg-desk-case-${item.caseNo}`)}
          onClick={() => void Taro.navigateTo({ url: routes.handle(item.id) })}
        >
          <View className="bg-desk-ov__case-head">
            <Text className="bg-desk-ov__case-no">{item.caseNo}</Text>
            <Text className="bg-desk-ov__case-status">{item.statusLabel}</Text>
          </View>
          <Text className="bg-desk-ov__case-note">
            {`${item.categoryName} · ${item.sourceLabel} · ${item.grid.name}`}
          </Text>
          <Text className="bg-desk-ov__case-note">
            {`受理 ${formatBeijingTime(item.createdAt)}${item.closedAt ? ` · 结案 ${formatBeijingTime(item.closedAt)}` : ''}`}
          </Text>
        </View>
      ))}
      {list.hasMore ? (
        <Button
          className="bg-load-more bg-desk-ov__more"
          loading={list.loadingMore}
          onClick={() => void list.loadMore()}
        >
          {list.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}

function FigureCard({ figure, onOpen }: { figure: Figure; onOpen: () => void }) {
  return (
    <View className={cx('bg-desk-ov__figure', `bg-desk-figure-${figure.hook}`)} onClick={onOpen}>
      <Text className={cx('bg-desk-ov__value', figure.alert && 'bg-desk-ov__value--alert')}>
        {figure.value}
      </Text>
      <Text className="bg-desk-ov__label">{figure.label}</Text>
      {figure.value2 ? <Text className="bg-desk-ov__note">{figure.value2}</Text> : null}
    </View>
  )
}

/**
 * 指标总览: every indicator of `stats.overview` for a node and period (this or the last day, week, month,
 * quarter, year), the node's children to move down to, and behind each figure the cases it counts.
 */
export default function DeskOverviewPage() {
  const { params } = useRouter()
  const now = useMemo(() => new Date(), [])
  const [kind, setKind] = useState<CalendarPeriod>('month')
  const [previous, setPrevious] = useState(false)
  // The nodes walked down from the first, so that the way back up is known without asking.
  const [path, setPath] = useState<Array<{ id: string; name: string }>>([])
  const [drill, setDrill] = useState<Drill | undefined>(undefined)
  const period = overviewPeriod(kind, previous, now)
  const start = decodedParam(params.gridId)
  const here = path[path.length - 1]?.id ?? (start || undefined)
  const scope = here ? { gridId: here } : {}
  const overview = useQuery('stats.overview', { ...scope, period })
  // The children and the catalogue's names come with the charts' ranking and categories (one week of it).
  const nodes = useQuery('stats.charts', { ...scope, weeks: 1 })
  usePullDownRefresh(() => {
    void Promise.all([overview.reload(), nodes.reload()]).finally(() => Taro.stopPullDownRefresh())
  })

  const data = overview.data
  const names = new Map(nodes.data?.categories.map((bar) => [bar.categoryId, bar.name]) ?? [])
  const groups = data ? figureGroups(data, (id) => names.get(id) ?? id) : []
  const open = (figure: Figure) =>
    figure.indicator &&
    setDrill({
      indicator: figure.indicator,
      value: figure.of,
      label: `${figure.label}（${periodLabel(period)}）`,
    })
  const moveTo = (node: { id: string; name: string }) => {
    setDrill(undefined)
    setPath((walked) => [...walked, node])
  }

  return (
    <View className="bg-page bg-desk-ov">
      <View className="bg-desk-ov__tabs">
        {overviewKinds.map((option) => (
          <Text
            key={option.kind}
            className={cx(
              'bg-desk-ov__tab',
              `bg-desk-kind-${option.kind}`,
              kind === option.kind && 'bg-desk-ov__tab--on',
            )}
            onClick={() => {
              setDrill(undefined)
              setKind(option.kind)
            }}
          >
            {option.label}
          </Text>
        ))}
        {[false, true].map((value) => (
          <Text
            key={String(value)}
            className={cx(
              'bg-desk-ov__tab',
              value ? 'bg-desk-period-previous' : 'bg-desk-period-current',
              previous === value && 'bg-desk-ov__tab--on',
            )}
            onClick={() => {
              setDrill(undefined)
              setPrevious(value)
            }}
          >
            {value ? '上期' : '本期'}
          </Text>
        ))}
      </View>

      {data ? (
        <View className="bg-desk-ov__head">
          <Text className="bg-desk-ov__title">{`${data.grid.label || data.grid.name} · ${data.periodLabel}`}</Text>
          {data.periodEnded ? null : <Text className="bg-desk-ov__running bg-desk-running">统计中</Text>}
          {data.updatedAt ? (
            <Text className="bg-desk-ov__updated">{`更新于 ${formatBeijingTime(data.updatedAt)}`}</Text>
          ) : null}
        </View>
      ) : null}

      <View className="bg-desk-ov__nodes">
        {path.length > 0 ? (
          <Text
            className="bg-desk-ov__node bg-desk-node-up"
            onClick={() => {
              setDrill(undefined)
              setPath((walked) => walked.slice(0, -1))
            }}
          >
            ‹ 上一级
          </Text>
        ) : null}
        {nodes.data?.ranking.map((bar) => (
          <Text
            key={bar.grid.id}
            className={cx('bg-desk-ov__node', `bg-desk-node-${bar.grid.id}`)}
            onClick={() => moveTo({ id: bar.grid.id, name: bar.grid.name })}
          >
            {`${bar.grid.name} ›`}
          </Text>
        ))}
      </View>

      <StateView
        loading={overview.loading && !data}
        error={data ? undefined : overview.error}
        onRetry={() => void overview.reload()}
      />

      {data && drill ? (
        <DrillList gridId={data.gridId} period={period} drill={drill} onBack={() => setDrill(undefined)} />
      ) : null}
      {data && !drill ? (
        <View className="bg-desk-ov__groups">
          {groups.map((group) => (
            <View key={group.title} className="bg-section bg-desk-ov__group">
              <Text className="bg-desk-ov__group-title">{group.title}</Text>
              <View className="bg-desk-ov__figures">
                {group.figures.map((figure) => (
                  <FigureCard key={figure.hook} figure={figure} onOpen={() => open(figure)} />
                ))}
              </View>
            </View>
          ))}
          <View
            className="bg-section bg-desk-ov__charts bg-desk-open-charts"
            onClick={() => void Taro.navigateTo({ url: routes.deskCharts(data.gridId) })}
          >
            <Text className="bg-desk-ov__group-title">图表分析 ›</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
