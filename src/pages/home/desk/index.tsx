import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { periodKeyOf, periodLabel } from '@/domain/shared/time'
import type { Role } from '@/domain/people/roles'
import { useQuery } from '@/hooks/use-query'
import { routes } from '@/utils/routes'
import './index.scss'

/** The roles that run the campaign from a desk: they land here instead of on the resident's 随手拍. */
export const deskRoles: readonly Role[] = ['district_office', 'supervisor']

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10}%`)

interface Entry {
  hook: string
  title: string
  note: string
  url: string
}

/**
 * The district's desk on the home page: this month's figures of the caller's district at a glance, and the
 * way to each part of the campaign (the full indicators and charts, supervision, the Thursday reports, the
 * assessment, the boards); the figures themselves open the full indicators.
 */
export function DeskPanel({ role }: { role: Role }) {
  const month = periodKeyOf('month', new Date())
  const overview = useQuery('stats.overview', { period: month })
  const figures = overview.data
  const entries: Entry[] = [
    {
      hook: 'bg-desk-overview',
      title: '指标总览',
      note: '各级各期的全部指标，点开即见背后的问题',
      url: routes.deskOverview(),
    },
    {
      hook: 'bg-desk-charts',
      title: '图表分析',
      note: '每周受理与结案、类别构成、办结用时、下级排名',
      url: routes.deskCharts(),
    },
    {
      hook: 'bg-desk-map',
      title: '挂图作战',
      note: '各网格指标分布与未结问题地图',
      url: routes.deskMap,
    },
    {
      hook: 'bg-desk-supervision',
      title: '督查督办',
      note: '超期、红牌、挂牌督办与日督查通报',
      url: routes.supervision,
    },
    {
      hook: 'bg-desk-weekly',
      title: '每周四周报',
      note: '各社区周报、迟报与导出',
      url: routes.weeklyReports,
    },
    {
      hook: 'bg-desk-assessment',
      title: '月度考核',
      note: '街道、社区、网格的综合指标与红黑榜',
      url: routes.assessment,
    },
    { hook: 'bg-desk-board', title: '网格工作台', note: '辖区问题的受理与办理', url: routes.board },
    ...(role === 'district_office'
      ? [
          { hook: 'bg-desk-staff', title: '人员与邀请', note: '邀请网格人员加入', url: routes.staffAdmin },
          {
            hook: 'bg-desk-deliveries',
            title: '消息发送情况',
            note: '发送失败与中断的订阅消息',
            url: routes.deliveries,
          },
          {
            hook: 'bg-desk-alerts',
            title: '重污染预警',
            note: '发布、解除重污染天气预警与预警记录',
            url: routes.alerts,
          },
          {
            hook: 'bg-desk-stations',
            title: '在线监测站点',
            note: '登记监测站点，查看超标监测曲线',
            url: routes.stations,
          },
        ]
      : []),
  ]
  return (
    <View className="bg-desk">
      <View className="bg-section bg-desk__overview">
        <Text className="bg-desk__title">
          {figures ? `${figures.grid.name} · ${periodLabel(month)}` : `区级工作台 · ${periodLabel(month)}`}
        </Text>
        {figures ? (
          <View
            className="bg-desk__figures bg-desk-figures"
            onClick={() => void Taro.navigateTo({ url: routes.deskOverview(figures.gridId) })}
          >
            <View className="bg-desk__figure">
              <Text className="bg-desk__value bg-desk-received">{figures.received}</Text>
              <Text className="bg-desk__label">受理</Text>
            </View>
            <View className="bg-desk__figure">
              <Text className="bg-desk__value">{percent(figures.rates.closure)}</Text>
              <Text className="bg-desk__label">结案率</Text>
            </View>
            <View className="bg-desk__figure">
              <Text className="bg-desk__value">{percent(figures.rates.onTimeClosure)}</Text>
              <Text className="bg-desk__label">按期结案率</Text>
            </View>
            <View className="bg-desk__figure">
              <Text className="bg-desk__value bg-desk__value--alert">{figures.overdue}</Text>
              <Text className="bg-desk__label">超期</Text>
            </View>
            <View className="bg-desk__figure">
              <Text className="bg-desk__value">{percent(figures.satisfaction.rate)}</Text>
              <Text className="bg-desk__label">满意率</Text>
            </View>
            <View className="bg-desk__figure">
              <Text className="bg-desk__value bg-desk-patrolled">{`${figures.patrol.gridsPatrolled}/${figures.patrol.gridsInScope}`}</Text>
              <Text className="bg-desk__label">巡查网格</Text>
            </View>
            <View className="bg-desk__figure">
              <Text className="bg-desk__value">{figures.patrol.checkIns}</Text>
              <Text className="bg-desk__label">巡查打卡</Text>
            </View>
          </View>
        ) : (
          <Text className="bg-desk__note">
            {overview.error ? overview.error.message : '正在读取本月指标…'}
          </Text>
        )}
      </View>
      {entries.map((entry) => (
        <View
          key={entry.hook}
          className={`bg-section bg-desk__entry ${entry.hook}`}
          onClick={() => void Taro.navigateTo({ url: entry.url })}
        >
          <Text className="bg-desk__entry-title">{`${entry.title} ›`}</Text>
          <Text className="bg-desk__note">{entry.note}</Text>
        </View>
      ))}
    </View>
  )
}
