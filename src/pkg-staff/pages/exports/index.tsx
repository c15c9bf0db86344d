import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import type { ExportFilters, ExportFormat, ExportView } from '@/domain/contract'
import { exportFormatLabels } from '@/domain/exports/inputs'
import { formatBeijingTime, periodKeyOf, periodLabel, previousPeriod } from '@/domain/shared/time'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { call, isApiError } from '@/services/api'
import { cx } from '@/utils/class-name'
import { newRequestId } from '@/utils/request-id'
import { openExportFile, progressOf } from '../../exports/open-file'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
const messageOf = (error: unknown) => (isApiError(error) ? error.message : '导出失败，请重试')
/** How often a running export's progress is asked for. */
const pollMillis = 2000

const statusOptions: Array<{ value: ExportFilters['status']; label: string }> = [
  { value: 'all', label: '全部状态' },
  { value: 'open', label: '未办结' },
  { value: 'closed', label: '已结案' },
]

function periodOptions(now: Date): Array<{ value: string | undefined; label: string }> {
  const month = periodKeyOf('month', now)
  const year = periodKeyOf('year', now)
  return [
    { value: month, label: `本月（${periodLabel(month)}）` },
    { value: previousPeriod(month), label: `上月（${periodLabel(previousPeriod(month))}）` },
    { value: year, label: `今年（${periodLabel(year)}）` },
    { value: undefined, label: '全部时间' },
  ]
}

function Choice<T>({
  options,
  value,
  onChange,
  name,
}: {
  options: Array<{ value: T; label: string }>
  value: T
  onChange: (value: T) => void
  name: string
}) {
  return (
    <View className={`bg-exports__choices bg-exports-${name}`}>
      {options.map((option, index) => (
        <Text
          key={index}
          className={cx(
            'bg-exports__choice',
            `bg-exports-${name}-${index}`,
            option.value === value && 'bg-exports__choice--on',
          )}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </Text>
      ))}
    </View>
  )
}

function ExportItem({ item }: { item: ExportView }) {
  const progress = progressOf(item)
  return (
    <View className={cx('bg-section bg-exports__item', `bg-export-${item.status}`)}>
      <View className="bg-exports__item-head">
        <Text className="bg-exports__item-name">{item.fileName}</Text>
        <Text className={cx('bg-exports__status', `bg-exports__status--${item.status}`)}>
          {item.statusLabel}
        </Text>
      </View>
      <Text className="bg-exports__item-line">{`${item.grid.label || item.grid.name} · ${item.filterLabel}`}</Text>
      <View className="bg-exports__bar">
        <View className="bg-exports__bar-fill" style={{ width: `${progress.percent}%` }} />
      </View>
      <Text className="bg-exports__item-line bg-exports-progress">
        {item.status === 'done'
          ? `共 ${item.rows} 条 · ${formatBeijingTime(item.finishedAt ?? item.createdAt)} 完成`
          : `已读取 ${progress.text} 条案件`}
      </Text>
      {item.message ? <Text className="bg-exports__item-line">{item.message}</Text> : null}
      {item.status === 'done' && item.url ? (
        <Button
          className="bg-button bg-button--primary bg-button--small bg-exports__open bg-export-open"
          onClick={() => void openExportFile(item).catch((error: unknown) => toast(messageOf(error)))}
        >
          {item.format === 'xlsx' ? '打开文件' : '下载 CSV'}
        </Button>
      ) : null}
    </View>
  )
}

/**
 * The case list of a grid in the caller's scope as CSV or Excel: choose the format and what to include,
 * start, watch the progress (a large export is written by the jobs function), and open the file when done.
 */
export default function ExportsPage() {
  const { params } = useRouter()
  const now = useMemo(() => new Date(), [])
  const me = useQuery('me.get', {})
  const list = useQuery('export.list', {})
  const starting = useAction('export.start')
  const grids = me.data?.grids ?? []
  const [gridId, setGridId] = useState<string | undefined>(
    params.gridId ? decodeURIComponent(params.gridId) : undefined,
  )
  const [format, setFormat] = useState<ExportFormat>('xlsx')
  const [status, setStatus] = useState<ExportFilters['status']>('all')
  const periods = useMemo(() => periodOptions(now), [now])
  const [period, setPeriod] = useState<string | undefined>(periods[0]!.value)
  const [current, setCurrent] = useState<ExportView | undefined>()

  // A running export's progress, every two seconds until it is done.
  useEffect(() => {
    if (current?.status !== 'running') return undefined
    const timer = setTimeout(() => {
      call('export.get', { id: current.id })
        .then((next) => {
          setCurrent(next)
          if (next.status !== 'running') void list.reload()
        })
        .catch((error: unknown) => toast(messageOf(error)))
    }, pollMillis)
    return () => clearTimeout(timer)
  }, [current]) // eslint-disable-line react-hooks/exhaustive-deps

  const onStart = async () => {
    try {
      const filters: ExportFilters = { status, ...(gridId ? { gridId } : {}), ...(period ? { period } : {}) }
      const { export: started } = await starting.run({ requestId: newRequestId(), format, filters })
      setCurrent(started)
      void list.reload()
    } catch (error) {
      toast(messageOf(error))
    }
  }

  if (!me.data)
    return (
      <View className="bg-page bg-exports">
        <StateView loading={me.loading} error={me.error} onRetry={() => void me.reload()} />
      </View>
    )

  const gridIndex = Math.max(
    0,
    grids.findIndex((grid) => grid.id === gridId),
  )
  const recent = (list.data?.items ?? []).filter((item) => item.id !== current?.id)
  return (
    <View className="bg-page bg-exports">
      <View className="bg-section bg-exports__form">
        <Text className="bg-section__title">导出案件清单</Text>
        {grids.length > 1 ? (
          <Picker
            mode="selector"
            range={grids.map((grid) => grid.label || grid.name)}
            value={gridIndex}
            onChange={(event) => setGridId(grids[Number(event.detail.value)]?.id)}
          >
            <Text className="bg-exports__grid">{`${grids[gridIndex]?.label ?? '选择网格'} ›`}</Text>
          </Picker>
        ) : (
          <Text className="bg-exports__grid">{grids[0]?.label || grids[0]?.name || '未分配网格'}</Text>
        )}
        <Text className="bg-exports__label">格式</Text>
        <Choice
          name="format"
          options={(['xlsx', 'csv'] as const).map((value) => ({ value, label: exportFormatLabels[value] }))}
          value={format}
          onChange={setFormat}
        />
        <Text className="bg-exports__label">状态</Text>
        <Choice name="status" options={statusOptions} value={status} onChange={setStatus} />
        <Text className="bg-exports__label">上报时间</Text>
        <Choice name="period" options={periods} value={period} onChange={setPeriod} />
        <Text className="bg-exports__note">
          表中时间均为北京时间。数量较多时在后台生成，完成后可在此下载；来电人信息只对办理该问题的工作人员导出。
        </Text>
        <Button
          className={cx(
            'bg-button bg-button--primary bg-exports__start bg-export-start',
            starting.running && 'bg-button--disabled',
          )}
          loading={starting.running}
          disabled={starting.running}
          onClick={() => void onStart()}
        >
          开始导出
        </Button>
      </View>
      {current ? <ExportItem item={current} /> : null}
      {recent.length > 0 ? <Text className="bg-exports__label bg-exports__recent">最近的导出</Text> : null}
      {recent.map((item) => (
        <ExportItem key={item.id} item={item} />
      ))}
    </View>
  )
}
