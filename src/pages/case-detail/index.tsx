import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { caseChannelLabels } from '@/domain/case'
import { PhotoGrid } from '@/components/photo-grid'
import { StateView } from '@/components/state-view'
import { StatusTag } from '@/components/status-tag'
import { Timeline } from '@/components/timeline'
import { useQuery } from '@/hooks/use-query'
import { photoUrl } from '@/services/api'
import { formatBeijingTime } from '@/domain/time'
import './index.scss'

function Row({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className='bg-detail__row'>
      <Text className='bg-detail__label'>{label}</Text>
      <Text className={`bg-detail__value ${className ?? ''}`}>{value}</Text>
    </View>
  )
}

function decoded(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export default function CaseDetailPage() {
  const { params } = useRouter()
  const caseId = decoded(params.id)
  const detail = useQuery('case.get', { caseId }, { enabled: caseId !== '' })

  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (!caseId) {
    return (
      <View className='bg-page'>
        <StateView error={{ message: '没有找到这条记录' }} />
      </View>
    )
  }
  if (!detail.data) {
    return (
      <View className='bg-page'>
        <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()} />
      </View>
    )
  }

  const { case: item, events } = detail.data
  const urls = item.photos.map(photoUrl)

  return (
    <View className='bg-page bg-detail'>
      <View className='bg-section bg-detail__head'>
        <View className='bg-detail__title-line'>
          <Text className='bg-detail__title'>{item.categoryName}</Text>
          <View className='bg-case-status'>
            <StatusTag status={item.status} label={item.statusLabel} />
          </View>
        </View>
        <Text className='bg-detail__check'>{item.checkName}</Text>
        <Text className='bg-detail__case-no bg-case-no'>{`编号 ${item.caseNo}`}</Text>
      </View>

      {urls.length ? (
        <View className='bg-section'>
          <Text className='bg-section__title'>现场照片</Text>
          <PhotoGrid
            photos={urls.map((url, index) => ({ key: `${index}`, url }))}
            onPreview={(index) => void Taro.previewImage({ urls, current: urls[index] ?? '' }).catch(() => undefined)}
          />
        </View>
      ) : null}

      <View className='bg-section'>
        {item.description ? <Text className='bg-detail__description'>{item.description}</Text> : null}
        <Row label='位置' value={item.address || '未填写地址'} />
        <Row label='坐标' value={`${item.location.lng.toFixed(6)}, ${item.location.lat.toFixed(6)}`} />
        <Row label='所属网格' value={item.grid.label || item.grid.name} className='bg-grid-label' />
        <Row
          label='认领人'
          value={item.claimedBy ? `${item.claimedBy.nickname}（${formatBeijingTime(item.claimedBy.at)}）` : '暂未认领'}
          className='bg-claimed-by'
        />
        <Row label='来源' value={caseChannelLabels[item.channel]} />
        <Row label='举报人' value={item.anonymous ? '匿名' : item.reporter?.nickname ?? '—'} />
        <Row label='提交时间' value={formatBeijingTime(item.createdAt)} />
      </View>

      <View className='bg-section bg-timeline-section'>
        <Text className='bg-section__title'>处理进度</Text>
        {events.length ? <Timeline events={events} /> : <Text className='bg-section__note'>暂无进度</Text>}
      </View>
    </View>
  )
}
