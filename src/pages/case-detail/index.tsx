import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { caseChannelLabels } from '@/domain/case/record'
import { openStatuses } from '@/domain/case/status'
import type { CaseView } from '@/domain/contract'
import { isStaff } from '@/domain/people/roles'
import { formatBeijingTime } from '@/domain/shared/time'
import { FieldError } from '@/components/field-error'
import { Button } from '@/components/nut/button'
import { Rate } from '@/components/nut/rate'
import { TextArea } from '@/components/nut/textarea'
import { PhotoGrid } from '@/components/photo-grid'
import { StateView } from '@/components/state-view'
import { StatusTag } from '@/components/status-tag'
import { Timeline } from '@/components/timeline'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { isApiError, photoUrl } from '@/services/api'
import { afterPhotos, cardLabels, deadlineLabel } from '@/utils/case-display'
import { decodedParam, routes } from '@/utils/routes'
import './index.scss'

function Row({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className="bg-detail__row">
      <Text className="bg-detail__label">{label}</Text>
      <Text className={`bg-detail__value ${className ?? ''}`}>{value}</Text>
    </View>
  )
}

const preview = (urls: string[], index: number) =>
  void Taro.previewImage({ urls, current: urls[index] ?? urls[0] ?? '' }).catch(() => undefined)

type Feedback = 'confirm' | 'dispute'

/** The reporter's say once the fix is verified: a rating and comment to close, or a reason to reopen. */
function ReporterFeedback({ item, onDone }: { item: CaseView; onDone: (next: CaseView) => void }) {
  const [mode, setMode] = useState<Feedback>('confirm')
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const confirm = useAction('case.confirm')
  const dispute = useAction('case.dispute')
  const running = confirm.running || dispute.running

  const send = async () => {
    if (running) return
    if (mode === 'confirm' && rating < 1) {
      setErrors({ rating: '请为处理结果打分（1–5星）' })
      return
    }
    if (mode === 'dispute' && !reason.trim()) {
      setErrors({ reason: '请写明不满意的原因' })
      return
    }
    setErrors({})
    const answer = await Taro.showModal(
      mode === 'confirm'
        ? {
            title: '确认结案',
            content: `您给处理结果打了${rating}星，确认后问题结案。`,
            confirmText: '确认结案',
          }
        : {
            title: '提出异议',
            content: item.disputeCount >= 2 ? '问题将重新办理，并转督查室跟进。' : '问题将退回网格重新办理。',
            confirmText: '提交异议',
          },
    )
    if (!answer.confirm) return
    try {
      const result =
        mode === 'confirm'
          ? await confirm.run({ caseId: item.id, rating, comment })
          : await dispute.run({ caseId: item.id, reason })
      Taro.showToast({
        title: mode === 'confirm' ? '已确认结案，感谢您的评价' : '已提交异议，问题将重新办理',
        icon: 'none',
        duration: 2500,
      })
      onDone(result.case)
    } catch (error) {
      if (isApiError(error) && error.fields) setErrors(error.fields)
      Taro.showToast({
        title: isApiError(error) ? error.message : '提交失败，请重试',
        icon: 'none',
        duration: 2500,
      })
    }
  }

  return (
    <View className="bg-section bg-feedback">
      <Text className="bg-section__title">整改结果满意吗？</Text>
      <Text className="bg-section__note">问题已整改并通过核查。请确认结果，3天内未反馈将自动结案。</Text>
      <View className="bg-feedback__modes">
        <Button
          className="bg-feedback__mode bg-feedback-confirm-mode"
          type="primary"
          fill={mode === 'confirm' ? 'solid' : 'outline'}
          onClick={() => setMode('confirm')}
        >
          满意
        </Button>
        <Button
          className="bg-feedback__mode bg-feedback-dispute-mode"
          type="danger"
          fill={mode === 'dispute' ? 'solid' : 'outline'}
          onClick={() => setMode('dispute')}
        >
          不满意
        </Button>
      </View>
      {mode === 'confirm' ? (
        <View className="bg-feedback__form">
          <View className="bg-feedback__rate-line">
            <Text className="bg-feedback__label">评分</Text>
            <Rate className="bg-rating" value={rating} onChange={(value) => setRating(value)} />
            <Text className="bg-feedback__score">{rating ? `${rating}星` : '请打分'}</Text>
          </View>
          <FieldError field="rating" message={errors.rating} />
          <TextArea
            className="bg-feedback__textarea bg-feedback-comment"
            value={comment}
            maxLength={200}
            placeholder="说说处理得怎么样（选填）"
            onChange={setComment}
          />
          <FieldError field="comment" message={errors.comment} />
        </View>
      ) : (
        <View className="bg-feedback__form">
          <TextArea
            className="bg-feedback__textarea bg-dispute-reason"
            value={reason}
            maxLength={500}
            placeholder="请写明哪里还没有解决，例如：工地仍未冲洗车辆"
            onChange={setReason}
          />
          <FieldError field="reason" message={errors.reason} />
        </View>
      )}
      <Button
        className="bg-feedback__send bg-feedback-send"
        type={mode === 'confirm' ? 'primary' : 'danger'}
        size="large"
        block
        loading={running}
        onClick={() => void send()}
      >
        {mode === 'confirm' ? '确认结案' : '提交异议'}
      </Button>
    </View>
  )
}

export default function CaseDetailPage() {
  const { params } = useRouter()
  const caseId = decodedParam(params.id)
  const detail = useQuery('case.get', { caseId }, { enabled: caseId !== '' })
  const me = useQuery('me.get', {})
  const join = useAction('case.join')

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
  const staff = me.data ? isStaff(me.data.role) : false
  const card = item.card === 'yellow' || item.card === 'red' ? item.card : undefined

  /** After an act: show the case as the server answered at once, then fetch its new trail. */
  const updated = (next: CaseView) => {
    detail.setData((previous) => (previous ? { ...previous, case: next } : previous))
    void detail.reload()
  }

  const onJoin = async () => {
    const answer = await Taro.showModal({
      title: '附议此问题',
      content: '附议后，这个问题的处理进度会通知您。',
      confirmText: '附议',
    })
    if (!answer.confirm) return
    try {
      const result = await join.run({ caseId: item.id })
      Taro.showToast({ title: '已附议，处理进度会通知您', icon: 'none' })
      updated(result.case)
    } catch (error) {
      Taro.showToast({
        title: isApiError(error) ? error.message : '附议失败，请重试',
        icon: 'none',
        duration: 2500,
      })
    }
  }

  return (
    <View className="bg-page bg-detail">
      <View className="bg-section bg-detail__head">
        <View className="bg-detail__title-line">
          <Text className="bg-detail__title">{item.categoryName}</Text>
          <View className="bg-case-status">
            <StatusTag status={item.status} label={item.statusLabel} />
          </View>
        </View>
        <Text className="bg-detail__check">{item.checkName}</Text>
        <Text className="bg-detail__case-no bg-case-no">{`编号 ${item.caseNo}`}</Text>
        {card || item.supervised || (open && item.deadlineAt) ? (
          <View className="bg-detail__flags">
            {card ? (
              <Text className={`bg-detail__flag bg-detail__flag--${card}`}>{cardLabels[card]}</Text>
            ) : null}
            {item.supervised ? (
              <Text className="bg-detail__flag bg-detail__flag--supervised">挂牌督办</Text>
            ) : null}
            {open && item.deadlineAt ? (
              <Text className="bg-detail__deadline">{deadlineLabel(item.deadlineAt)}</Text>
            ) : null}
          </View>
        ) : null}
        <Text className="bg-detail__follow bg-follow-status">
          {item.isMine
            ? `这是您的举报${item.followerCount ? `，另有${item.followerCount}人附议` : ''}`
            : item.isFollowing
              ? `您已附议，共${item.followerCount}人附议，处理进度会通知您`
              : item.followerCount
                ? `${item.followerCount}人附议`
                : ''}
        </Text>
        {!item.isMine && !item.isFollowing && open ? (
          <Button
            className="bg-detail__join bg-join-case"
            type="primary"
            fill="outline"
            loading={join.running}
            onClick={() => void onJoin()}
          >
            我也遇到了，附议此问题
          </Button>
        ) : null}
      </View>

      {item.isMine && item.status === 'verified' ? <ReporterFeedback item={item} onDone={updated} /> : null}

      {item.status === 'closed' && item.rating ? (
        <View className="bg-section bg-detail__rated">
          <Text className="bg-section__title">评价</Text>
          <Rate className="bg-rated" value={item.rating} readOnly />
        </View>
      ) : null}

      {item.resolution ? (
        <View className="bg-section bg-detail__resolution">
          <Text className="bg-section__title">{item.status === 'merged' ? '已并案' : '不予受理'}</Text>
          <Text className="bg-section__note">
            {item.status === 'merged'
              ? item.resolution.note
              : `${item.resolution.label}${item.resolution.note ? `：${item.resolution.note}` : ''}`}
          </Text>
          {item.resolution.mergedInto ? (
            <Button
              className="bg-detail__merged-into"
              fill="outline"
              onClick={() => void Taro.navigateTo({ url: routes.caseDetail(item.resolution!.mergedInto!) })}
            >
              查看合并后的问题
            </Button>
          ) : null}
        </View>
      ) : null}

      {before.length ? (
        <View className="bg-section bg-photos-before">
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
        {item.description ? <Text className="bg-detail__description">{item.description}</Text> : null}
        <Row label="位置" value={item.address || '未填写地址'} />
        <Row label="坐标" value={`${item.location.lng.toFixed(6)}, ${item.location.lat.toFixed(6)}`} />
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
        {item.jointHandlers.length ? <Row label="联合执法" value={item.jointHandlers.join('、')} /> : null}
        <Row label="来源" value={caseChannelLabels[item.channel]} />
        <Row
          label="举报人"
          value={
            item.anonymous ? (item.isMine ? '匿名（仅您可见）' : '匿名') : (item.reporter?.nickname ?? '—')
          }
        />
        <Row label="提交时间" value={formatBeijingTime(item.createdAt)} />
      </View>

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
          <Timeline events={events} photoUrl={photoUrl} onPreview={preview} />
        ) : (
          <Text className="bg-section__note">暂无进度</Text>
        )}
      </View>
    </View>
  )
}
