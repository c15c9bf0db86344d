import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { openStatuses } from '@/domain/case/status'
import type { CaseView } from '@/domain/contract'
import { isStaff } from '@/domain/people/roles'
import { Button } from '@/components/nut/button'
import { PhotoGrid } from '@/components/photo-grid'
import { StateView } from '@/components/state-view'
import { Timeline } from '@/components/timeline'
import { useQuery } from '@/hooks/use-query'
import { photoUrl } from '@/services/api'
import { afterPhotos } from '@/utils/case-display'
import { previewImages } from '@/utils/preview'
import { decodedParam, routes } from '@/utils/routes'
import { CaseFacts } from './components/case-facts'
import { CaseHead } from './components/case-head'
import { CaseOutcome } from './components/case-outcome'
import { ReporterFeedback } from './components/reporter-feedback'
import { SensorCurve } from './components/sensor-curve'
import { useJoinCase } from './hooks/use-join-case'
import './index.scss'

function PhotoSection({ title, urls, className }: { title: string; urls: string[]; className: string }) {
  if (!urls.length) return null
  return (
    <View className={`bg-section ${className}`}>
      <Text className="bg-section__title">{title}</Text>
      <PhotoGrid
        photos={urls.map((url, index) => ({ key: `${className}-${index}`, url }))}
        onPreview={(index) => previewImages(urls, index)}
      />
    </View>
  )
}

export default function CaseDetailPage() {
  const { params } = useRouter()
  const caseId = decodedParam(params.id)
  const detail = useQuery('case.get', { caseId }, { enabled: caseId !== '' })
  const me = useQuery('me.get', {})

  /** After an act: show the case as the server answered at once, then fetch its new trail. */
  const updated = (next: CaseView) => {
    detail.setData((previous) => (previous ? { ...previous, case: next } : previous))
    void detail.reload()
  }
  const join = useJoinCase(updated)

  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (!caseId) {
    return (
      <View className="bg-page">
        <StateView error={{ message: '没有找到这条记录' }} />
      </View>
    )
  }
  if (!detail.data) {
    return (
      <View className="bg-page">
        <StateView
          loading={detail.loading}
          error={detail.error}
          skeletonRows={6}
          onRetry={() => void detail.reload()}
        />
      </View>
    )
  }

  const { case: item, events } = detail.data
  const before = item.photos.map(photoUrl)
  const after = afterPhotos(events).map(photoUrl)
  const open = openStatuses.includes(item.status)
  // Staff handle what they see in full; a case outside their grids comes as its public summary.
  const staff = me.data ? isStaff(me.data.role) && item.view === 'full' : false

  return (
    <View className="bg-page bg-detail">
      <CaseHead item={item} open={open} joining={join.running} onJoin={() => void join.run(item.id)} />

      {item.isMine && item.status === 'verified' ? <ReporterFeedback item={item} onDone={updated} /> : null}

      <CaseOutcome item={item} />

      {item.channel === 'sensor' ? <SensorCurve caseId={item.id} /> : null}

      <PhotoSection title={after.length ? '整改前' : '现场照片'} urls={before} className="bg-photos-before" />
      <PhotoSection title="整改后" urls={after} className="bg-photos-after" />

      <CaseFacts item={item} />

      {staff ? (
        <View className="bg-detail__staff">
          <Button
            className="bg-detail__handle bg-handle-entry"
            type="primary"
            size="large"
            block
            onClick={() => void Taro.navigateTo({ url: routes.handle(item.id) })}
          >
            处理此问题
          </Button>
        </View>
      ) : null}

      <View className="bg-section bg-timeline-section">
        <Text className="bg-section__title">处理进度</Text>
        {events.length ? (
          <Timeline events={events} photoUrl={photoUrl} onPreview={previewImages} />
        ) : (
          <Text className="bg-section__note">暂无进度</Text>
        )}
        {item.receipt ? (
          <Text className="bg-section__note bg-receipt">{`存证回执：${item.receipt}（处理记录已防篡改封存，可截图保存以备核对）`}</Text>
        ) : null}
      </View>
    </View>
  )
}
