import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { CaseView } from '@/domain/contract'
import { formatBeijingDate, formatBeijingTime, waitingText } from '@/domain/shared/time'
import { Button } from '@/components/nut/button'
import { Dialog } from '@/components/nut/dialog'
import { PhotoGrid, type PhotoTile } from '@/components/photo-grid'
import { PrivacySheet } from '@/components/privacy-sheet'
import { StateView } from '@/components/state-view'
import { StatusTag } from '@/components/status-tag'
import { Timeline } from '@/components/timeline'
import { useCaseAct } from '@/hooks/use-case-act'
import { usePhotoUploads } from '@/hooks/use-photo-uploads'
import { usePrivacyConsent } from '@/hooks/use-privacy-consent'
import { useQuery } from '@/hooks/use-query'
import { isApiError, photoUrl } from '@/services/api'
import { afterPhotos, cardLabels, deadlineLabel, deadlineText, isOverdue } from '@/utils/case-display'
import { cx } from '@/utils/class-name'
import { decodedParam, routes } from '@/utils/routes'
import { ActionForm, type MergeCandidate } from '../../components/action-form'
import { emptyForm, formIssues, offeredActs, type ActForm, type ActSpec } from './actions'
import './index.scss'

const preview = (urls: string[], index: number) =>
  void Taro.previewImage({ urls, current: urls[index] ?? urls[0] ?? '' }).catch(() => undefined)

function Row({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className="bg-handle__row">
      <Text className="bg-handle__label">{label}</Text>
      <Text className={cx('bg-handle__value', className)}>{value}</Text>
    </View>
  )
}

/** Field messages from the server, keyed as the form shows them. */
function formErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const key = path.startsWith('photos') ? 'photos' : path.startsWith('openids') ? 'openids' : path
    if (!out[key]) out[key] = message
  }
  return out
}

/**
 * One case, from a staff member's side: what it is, how long it has waited, and the acts they may take now,
 * each confirmed in a modal and answered with the server's own words.
 */
export default function HandlePage() {
  const { params } = useRouter()
  const caseId = decodedParam(params.id)
  const detail = useQuery('case.get', { caseId }, { enabled: caseId !== '' })
  const me = useQuery('me.get', {})
  const act = useCaseAct()
  const [open, setOpen] = useState<ActSpec | null>(null)
  const [form, setForm] = useState<ActForm>(emptyForm)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const uploads = usePhotoUploads((fileID) =>
    setForm((current) => ({ ...current, photos: [...current.photos, fileID].slice(0, 9) })),
  )
  const privacy = usePrivacyConsent(() => Taro.showToast({ title: '需要您同意后才能拍照上传', icon: 'none' }))
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
  const viewer = me.data
    ? { role: me.data.role, nickname: me.data.nickname, districtUnit: me.data.districtUnit }
    : undefined
  const acts = viewer ? offeredActs(item, viewer) : []
  const before = item.photos.map(photoUrl)
  const after = afterPhotos(detail.data.events).map(photoUrl)
  const card = item.card === 'yellow' || item.card === 'red' ? item.card : undefined
  const due = deadlineText(item, now)
  const today = formatBeijingDate(now)

  const tiles: PhotoTile[] = [
    ...form.photos.map((fileID) => ({ key: fileID, url: photoUrl(fileID) })),
    ...uploads.pending.map((pending) => ({
      key: pending.key,
      url: pending.localPath,
      progress: pending.progress,
      error: pending.error,
    })),
  ]
  const room = 9 - form.photos.length - uploads.pending.length
  const mergeCandidates: MergeCandidate[] = (nearby.data?.items ?? []).filter(
    (candidate) => candidate.id !== item.id,
  )

  const start = (spec: ActSpec) => {
    setForm(emptyForm())
    setErrors({})
    for (const pending of uploads.pending) uploads.discard(pending.key)
    setOpen(spec)
  }
  const close = () => setOpen(null)

  const updated = (next: CaseView) => {
    detail.setData((previous) => (previous ? { ...previous, case: next } : previous))
    void detail.reload()
  }

  /** The modal's confirm: resolves to close it, rejects to keep it open (the form needs fixing). */
  const confirm = async () => {
    const spec = open
    if (!spec) return
    if (uploads.busy) {
      Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' })
      throw new Error('uploading')
    }
    const issues = formIssues(spec, form)
    if (Object.keys(issues).length) {
      setErrors(issues)
      throw new Error('form incomplete')
    }
    try {
      const result = (await act.run(spec.action, spec.payload(item.id, form) as never)) as { case: CaseView }
      setErrors({})
      Taro.showToast({ title: spec.done(result.case), icon: 'none', duration: 2500 })
      updated(result.case)
    } catch (error) {
      const message = isApiError(error) ? error.message : '操作失败，请重试'
      if (isApiError(error) && error.code === 'invalid-input') {
        setErrors(error.fields ? formErrors(error.fields) : { note: message })
        Taro.showToast({ title: message, icon: 'none', duration: 2500 })
        throw error
      }
      // Refused (not yours, already claimed, wrong status…): say so, close, and show the case as it now is.
      Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      void detail.reload()
    }
  }

  return (
    <View className="bg-page bg-handle">
      <View className={cx('bg-section bg-handle__head', card && `bg-handle__head--${card}`)}>
        <View className="bg-handle__title-line">
          <Text className="bg-handle__title">{item.categoryName}</Text>
          <View className="bg-case-status">
            <StatusTag status={item.status} label={item.statusLabel} />
          </View>
        </View>
        <Text className="bg-handle__check">{item.checkName}</Text>
        <Text className="bg-handle__case-no bg-case-no">{`编号 ${item.caseNo}`}</Text>
        <View className="bg-handle__flags">
          {card ? (
            <Text className={`bg-handle__flag bg-handle__flag--${card}`}>{cardLabels[card]}</Text>
          ) : null}
          {item.supervised ? (
            <Text className="bg-handle__flag bg-handle__flag--supervised">挂牌督办</Text>
          ) : null}
          {item.major ? <Text className="bg-handle__flag bg-handle__flag--major">重大突发</Text> : null}
          {due ? (
            <Text className={cx('bg-handle__due', isOverdue(item, now) && 'bg-handle__due--overdue')}>
              {due}
            </Text>
          ) : null}
        </View>
        {item.status === 'pending' ? (
          <Text className="bg-handle__waiting">{`已在本网格等待 ${waitingText(new Date(item.waitingSince), now)}`}</Text>
        ) : null}
      </View>

      <View className="bg-section bg-handle__acts">
        <Text className="bg-section__title">可进行的操作</Text>
        {me.error ? (
          <StateView error={me.error} onRetry={() => void me.reload()} />
        ) : !viewer ? (
          <Text className="bg-section__note">加载中…</Text>
        ) : acts.length ? (
          acts.map((spec) => (
            <View key={spec.key} className="bg-handle__act">
              <Button
                className={`bg-handle__act-button bg-act-${spec.key}`}
                type={spec.tone === 'danger' ? 'danger' : 'primary'}
                fill={spec.tone === 'primary' ? 'solid' : 'outline'}
                size="large"
                block
                onClick={() => start(spec)}
              >
                {spec.label}
              </Button>
              <Text className="bg-handle__act-hint">{spec.hint}</Text>
            </View>
          ))
        ) : (
          <Text className="bg-section__note bg-no-acts">{`该问题当前为“${item.statusLabel}”，您暂时没有可进行的操作。`}</Text>
        )}
        <Text className="bg-section__note">
          以上按您的角色预估；能否办理以服务器核对网格范围后的结果为准。
        </Text>
      </View>

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

      <View className="bg-section">
        {item.description ? <Text className="bg-handle__description">{item.description}</Text> : null}
        <Row
          label="位置"
          value={item.address || `${item.location.lng.toFixed(5)}, ${item.location.lat.toFixed(5)}`}
        />
        <Row label="所属网格" value={item.grid.label || item.grid.name} className="bg-grid-label" />
        <Row
          label="认领人"
          value={
            item.claimedBy
              ? `${item.claimedBy.nickname}（${formatBeijingTime(item.claimedBy.at)}）`
              : '暂未认领'
          }
          className="bg-claimed-by"
        />
        {item.deadlineAt ? <Row label="办理期限" value={deadlineLabel(item.deadlineAt)} /> : null}
        {item.jointHandlers.length ? <Row label="联合执法" value={item.jointHandlers.join('、')} /> : null}
        {item.signOffs.length ? <Row label="已会签" value={item.signOffs.join('、')} /> : null}
        <Row label="举报人" value={item.anonymous ? '匿名' : (item.reporter?.nickname ?? '—')} />
        <Row label="附议" value={item.followerCount ? `${item.followerCount}人` : '无'} />
        <Row label="提交时间" value={formatBeijingTime(item.createdAt)} />
      </View>

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
        onConfirm={confirm}
        onCancel={close}
        onClose={close}
      >
        {open ? (
          <ActionForm
            spec={open}
            form={form}
            onChange={(patch) => {
              setForm((current) => ({ ...current, ...patch }))
              if (Object.keys(errors).length) setErrors({})
            }}
            errors={errors}
            photoTiles={tiles}
            onAddPhoto={room > 0 ? () => privacy.guard(() => void uploads.pick(room)) : undefined}
            onRemovePhoto={(key) =>
              form.photos.includes(key)
                ? setForm((current) => ({
                    ...current,
                    photos: current.photos.filter((photo) => photo !== key),
                  }))
                : uploads.discard(key)
            }
            onRetryPhoto={uploads.retry}
            onPreviewPhoto={(index) =>
              preview(
                tiles.map((tile) => tile.url),
                index,
              )
            }
            mergeCandidates={mergeCandidates}
            handlerCandidates={{ items: candidates.data?.items ?? [], loading: candidates.loading }}
            today={today}
          />
        ) : null}
      </Dialog>

      <PrivacySheet
        visible={privacy.visible}
        agreeOpenType={privacy.mode === 'wechat' ? 'agreePrivacyAuthorization' : undefined}
        agreeButtonId={privacy.agreeButtonId}
        onAgree={privacy.agree}
        onDecline={privacy.decline}
        onReadMore={() => void Taro.navigateTo({ url: routes.privacy })}
      />
    </View>
  )
}
