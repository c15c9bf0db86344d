import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { CaseView } from '@/domain/contract'
import { formatBeijingDate } from '@/domain/shared/time'
import { Dialog } from '@/components/nut/dialog'
import { PhotoGrid } from '@/components/photo-grid'
import { PrivacySheet } from '@/components/privacy-sheet'
import { StateView } from '@/components/state-view'
import { Timeline } from '@/components/timeline'
import { useQuery } from '@/hooks/use-query'
import { photoUrl } from '@/services/api'
import { afterPhotos } from '@/utils/case-display'
import { cx } from '@/utils/class-name'
import { decodedParam, routes } from '@/utils/routes'
import { ActButtons } from '../../components/act-buttons'
import { ActionForm, type MergeCandidate } from '../../components/action-form'
import { CaseFacts } from '../../components/case-facts'
import { CaseHead } from '../../components/case-head'
import { EvidenceReview } from '../../components/evidence-review'
import { offeredActs } from './actions'
import { useActDialog } from './use-act-dialog'
import './index.scss'

const preview = (urls: string[], index: number) =>
  void Taro.previewImage({ urls, current: urls[index] ?? urls[0] ?? '' }).catch(() => undefined)

/**
 * One case, from a staff member's side: what it is, how long it has waited, and the acts they may take now,
 * each confirmed in a modal and answered with the server's own words.
 */
export default function HandlePage() {
  const { params } = useRouter()
  const caseId = decodedParam(params.id)
  const detail = useQuery('case.get', { caseId }, { enabled: caseId !== '' })
  const me = useQuery('me.get', {})
  const updated = (next: CaseView) => {
    detail.setData((previous) => (previous ? { ...previous, case: next } : previous))
    void detail.reload()
  }
  const dialog = useActDialog(updated, () => void detail.reload())
  const { open } = dialog
  const item = detail.data?.case
  const nearby = useQuery(
    'case.nearby',
    { categoryId: item?.categoryId ?? '', location: item?.location ?? { lng: 0, lat: 0 } },
    { enabled: open?.key === 'merge' && item !== undefined },
  )
  const candidates = useQuery(
    'case.handlerCandidates',
    { caseId },
    { enabled: open?.key === 'attachHandlers' },
  )

  usePullDownRefresh(() => {
    void Promise.all([detail.reload(), me.reload()]).finally(() => Taro.stopPullDownRefresh())
  })

  if (!caseId) {
    return (
      <View className="bg-page">
        <StateView error={{ message: '没有找到这条记录' }} />
      </View>
    )
  }
  if (!item || !detail.data) {
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

  const now = new Date()
  const viewer = me.data ? { role: me.data.role, districtUnit: me.data.districtUnit } : undefined
  const before = item.photos.map(photoUrl)
  const after = afterPhotos(detail.data.events).map(photoUrl)
  const mergeCandidates: MergeCandidate[] = (nearby.data?.items ?? []).filter(
    (candidate) => candidate.id !== item.id,
  )

  return (
    <View className="bg-page bg-handle">
      <CaseHead item={item} now={now} />
      <ActButtons
        acts={viewer ? (item.view === 'full' ? offeredActs(item, viewer) : []) : undefined}
        error={me.error}
        onRetry={() => void me.reload()}
        statusLabel={item.statusLabel}
        onStart={dialog.start}
      />
      <EvidenceReview
        caseId={item.id}
        events={detail.data.events}
        onPassed={updated}
        onRefused={() => void detail.reload()}
      />

      {before.length ? (
        <View className="bg-section">
          <Text className="bg-section__title">{after.length ? '整改前' : '现场照片'}</Text>
          <PhotoGrid
            photos={before.map((url, index) => ({ key: `b${index}`, url }))}
            onPreview={(index) => preview(before, index)}
          />
        </View>
      ) : null}
      {after.length ? (
        <View className="bg-section bg-photos-after">
          <Text className="bg-section__title">整改后</Text>
          <PhotoGrid
            photos={after.map((url, index) => ({ key: `a${index}`, url }))}
            onPreview={(index) => preview(after, index)}
          />
        </View>
      ) : null}

      <CaseFacts item={item} />

      <View className="bg-section bg-timeline-section">
        <Text className="bg-section__title">处理进度</Text>
        <Timeline events={detail.data.events} photoUrl={photoUrl} onPreview={preview} />
        <Text
          className="bg-handle__link"
          onClick={() => void Taro.navigateTo({ url: routes.caseDetail(item.id) })}
        >
          以市民视角查看 ›
        </Text>
      </View>

      <Dialog
        className={cx('bg-action-dialog', open && `bg-action-dialog-${open.key}`)}
        visible={open !== null}
        title={open?.title ?? ''}
        confirmText={open?.confirmText ?? '确定'}
        cancelText="取消"
        closeOnOverlayClick={false}
        onConfirm={() => dialog.confirm(item.id)}
        onCancel={dialog.close}
        onClose={dialog.close}
      >
        {open ? (
          <ActionForm
            spec={open}
            form={dialog.form}
            onChange={dialog.change}
            errors={dialog.errors}
            photoTiles={dialog.tiles}
            onAddPhoto={dialog.addPhoto}
            onRemovePhoto={dialog.removePhoto}
            onRetryPhoto={dialog.retryPhoto}
            onPreviewPhoto={(index) =>
              preview(
                dialog.tiles.map((tile) => tile.url),
                index,
              )
            }
            mergeCandidates={mergeCandidates}
            handlerCandidates={{ items: candidates.data?.items ?? [], loading: candidates.loading }}
            today={formatBeijingDate(now)}
          />
        ) : null}
      </Dialog>

      <PrivacySheet
        visible={dialog.privacy.visible}
        agreeOpenType={dialog.privacy.mode === 'wechat' ? 'agreePrivacyAuthorization' : undefined}
        agreeButtonId={dialog.privacy.agreeButtonId}
        onAgree={dialog.privacy.agree}
        onDecline={dialog.privacy.decline}
        onReadMore={() => void Taro.navigateTo({ url: routes.privacy })}
      />
    </View>
  )
}
