import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { formatBeijingTime } from '@/domain/shared/time'
import { StateView } from '@/components/state-view'
import { useQuery } from '@/hooks/use-query'
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show'
import { decodedParam, routes } from '@/utils/routes'
import '../sites/index.scss'
import './index.scss'

/**
 * One site's page (一企一档): what it is, who answers for it (staff only), its colour, the categories it was
 * reported for more than once lately (repeat offences), and every case linked to it, newest report first.
 */
export default function SitePage() {
  const { params } = useRouter()
  const siteId = decodedParam(params.site)
  const got = useQuery('site.get', { siteId }, { enabled: siteId !== '' })
  // Back from its form, the page shows the site as changed.
  useRefreshOnShow(() => void got.reload())
  usePullDownRefresh(() => void got.reload().finally(() => Taro.stopPullDownRefresh()))
  const data = got.data

  if (!data)
    return (
      <View className="bg-page bg-site">
        <StateView loading={got.loading} error={got.error} onRetry={() => void got.reload()} />
      </View>
    )
  const { site } = data
  return (
    <View className="bg-page bg-site">
      <View className="bg-section bg-site__facts">
        <View className="bg-site-card__head">
          <Text className="bg-site-card__name">{site.name}</Text>
          <Text className={`bg-site-status bg-site-status--${site.status}`}>{site.statusLabel}</Text>
        </View>
        <Text className="bg-site__line">{`类型：${site.typeLabel}`}</Text>
        <Text className="bg-site__line">{`地址：${site.address}`}</Text>
        <Text className="bg-site__line">{`所属网格：${site.grid.label}`}</Text>
        {site.creditCode ? (
          <Text className="bg-site__line">{`统一社会信用代码：${site.creditCode}`}</Text>
        ) : null}
        <Text className="bg-site__line">{`责任单位：${site.responsibleUnit || '未填写'}`}</Text>
        <Text className="bg-site__line">
          {`联系人：${site.contactName || '未填写'}${site.contactPhone ? ` ${site.contactPhone}` : ''}`}
        </Text>
      </View>

      <Text className="bg-site__edit" onClick={() => void Taro.navigateTo({ url: routes.siteEdit(site.id) })}>
        编辑档案 ›
      </Text>

      <View className="bg-section bg-site__offences">
        <Text className="bg-site__heading">{`近${data.windowDays}天屡查屡犯`}</Text>
        {data.repeatOffences.length === 0 ? (
          <Text className="bg-site__line">无重复问题</Text>
        ) : (
          data.repeatOffences.map((offence) => (
            <Text key={offence.categoryId} className="bg-site__line bg-site__offence">
              {`${offence.label}：${offence.count} 次`}
            </Text>
          ))
        )}
      </View>

      <View className="bg-section bg-site__history">
        <Text className="bg-site__heading">{`关联问题（共 ${data.caseCount} 件）`}</Text>
        {data.history.length === 0 ? <Text className="bg-site__line">暂无关联问题</Text> : null}
        {data.history.map((entry) => (
          <View
            key={entry.caseId}
            className="bg-site__case"
            onClick={() => void Taro.navigateTo({ url: routes.handle(entry.caseId) })}
          >
            <Text className="bg-site__case-head">{`${entry.caseNo} · ${entry.categoryLabel}`}</Text>
            <Text className="bg-site__line">{entry.description}</Text>
            <Text className="bg-site__line">
              {`举报于 ${formatBeijingTime(entry.reportedAt)} · ${entry.linkedByNickname}关联`}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
