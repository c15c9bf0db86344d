import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import type { WeeklyReportView } from '@/domain/contract'
import { formatBeijingTime, periodLabel, previousPeriod, previousPeriodKey } from '@/domain/shared/time'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { isApiError } from '@/services/api'
import { cx } from '@/utils/class-name'
import { openWorkbook, percent, weeklyRoutes } from '../../weekly/open-export'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
const messageOf = (error: unknown) => (isApiError(error) ? error.message : '操作失败，请重试')

function Item({ report }: { report: WeeklyReportView }) {
  const own = report.figures.own
  return (
    <View
      className={cx('bg-section bg-weekly__item', `bg-weekly-item-${report.grid.id}`)}
      onClick={() => void Taro.navigateTo({ url: weeklyRoutes.report(report.id) })}
    >
      <View className="bg-weekly__item-head">
        <Text className="bg-weekly__name">
          {report.kind === 'street' ? `${report.grid.name} · 街道汇总` : report.grid.name}
        </Text>
        <Text className={cx('bg-weekly__status', `bg-weekly__status--${report.status}`)}>
          {report.statusLabel}
        </Text>
      </View>
      <Text className="bg-weekly__figures">
        {`受理 ${own.received} · 应结案 ${own.due} · 结案率 ${percent(own.closureRate)} · 按期 ${percent(own.onTimeRate)} · 第${own.rank}名`}
      </Text>
    </View>
  )
}

/**
 * The week's Thursday reports in the caller's scope: a community leader's own, a street's with its
 * communities', the district's all, each with its status, the late ones listed, and the workbook export.
 */
export default function WeeklyListPage() {
  const now = useMemo(() => new Date(), [])
  const last = previousPeriodKey('report-week', now)
  const weeks = [last, previousPeriod(last)]
  const [week, setWeek] = useState(last)
  const list = useQuery('report.weekly.list', { week })
  const exporting = useAction('report.weekly.export')
  usePullDownRefresh(() => void list.reload().then(() => Taro.stopPullDownRefresh()))

  const onExport = async () => {
    try {
      const { url } = await exporting.run({ week })
      await openWorkbook(url)
    } catch (error) {
      toast(messageOf(error))
    }
  }

  const data = list.data
  return (
    <View className="bg-page bg-weekly">
      <View className="bg-weekly__tabs">
        {weeks.map((value, index) => (
          <Text
            key={value}
            className={cx(
              'bg-weekly__tab',
              `bg-weekly-week-${index}`,
              week === value && 'bg-weekly__tab--on',
            )}
            onClick={() => setWeek(value)}
          >
            {periodLabel(value).replace(/周报.*/, '')}
          </Text>
        ))}
      </View>
      <StateView
        loading={list.loading && !data}
        error={data ? undefined : list.error}
        empty={Boolean(data) && data!.items.length === 0}
        emptyText={`${periodLabel(week)}尚未生成`}
        onRetry={() => void list.reload()}
      />
      {data && data.items.length > 0 ? (
        <View className="bg-weekly__body">
          <Text className="bg-weekly__title">{data.weekLabel}</Text>
          <Text className="bg-weekly__deadline">{`社区填报截止：${formatBeijingTime(data.deadline)}`}</Text>
          {data.late.length > 0 ? (
            <View className="bg-section bg-weekly__late bg-weekly-late">
              <Text className="bg-weekly__late-title">{`逾期周报（${data.late.length}）`}</Text>
              {data.late.map((item) => (
                <Text key={item.id} className="bg-weekly__late-item">
                  {item.submittedAt
                    ? `${item.grid.name}：${formatBeijingTime(item.submittedAt)} 逾期提交`
                    : `${item.grid.name}：未提交`}
                </Text>
              ))}
            </View>
          ) : null}
          {data.items.map((report) => (
            <Item key={report.id} report={report} />
          ))}
          <Button
            className={cx(
              'bg-button bg-button--primary bg-weekly__export bg-export-weekly',
              exporting.running && 'bg-button--disabled',
            )}
            loading={exporting.running}
            disabled={exporting.running}
            onClick={() => void onExport()}
          >
            导出 Excel
          </Button>
        </View>
      ) : null}
    </View>
  )
}
