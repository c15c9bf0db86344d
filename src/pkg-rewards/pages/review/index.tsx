import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import type { AwardView } from '@/domain/contract'
import {
  periodKeyOf,
  periodKindLabels,
  periodLabel,
  previousPeriodKey,
  rankListLabels,
  type PeriodKind,
  type RankList,
} from '@/domain/rewards/points'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { isApiError } from '@/services/api'
import { cx } from '@/utils/class-name'
import { AwardCard } from '../../components/award-card'
import { Segmented } from '../../components/segmented'
import './index.scss'

const kinds: { value: PeriodKind; label: string }[] = (['month', 'quarter', 'year'] as const).map(
  (value) => ({ value, label: periodKindLabels[value] }),
)
const lists: { value: RankList; label: string }[] = (['public', 'staff'] as const).map((value) => ({
  value,
  label: rankListLabels[value],
}))

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
const messageOf = (error: unknown) => (isApiError(error) ? error.message : '操作失败，请重试')

/**
 * The district office's review: the draft of a period (made by the job at the period's end, or here), people
 * to leave out, a new draft without them, and publishing, once, after the period has ended.
 */
export default function AwardReviewPage() {
  const [kind, setKind] = useState<PeriodKind>('month')
  const [which, setWhich] = useState<'previous' | 'current'>('previous')
  const [list, setList] = useState<RankList>('public')
  const [excluded, setExcluded] = useState<string[]>([])
  const [reason, setReason] = useState('')
  const now = useMemo(() => new Date(), [])
  const period = which === 'previous' ? previousPeriodKey(kind, now) : periodKeyOf(kind, now)
  const periods: { value: 'previous' | 'current'; label: string }[] = [
    { value: 'previous', label: `${periodLabel(previousPeriodKey(kind, now))}（已结束）` },
    { value: 'current', label: `${periodLabel(periodKeyOf(kind, now))}（进行中）` },
  ]

  const awards = useQuery('award.list', { status: 'all', kind, pageSize: 50 })
  const draft = useAction('award.draft')
  const publish = useAction('award.publish')
  const award: AwardView | undefined = awards.data?.items.find(
    (item) => item.period === period && item.list === list,
  )

  const choose = (update: () => void) => {
    update()
    setExcluded([])
  }

  const onDraft = async () => {
    try {
      const result = await draft.run({ kind, period, list, exclude: excluded, note: reason })
      awards.setData((previous) =>
        previous
          ? {
              ...previous,
              items: [result.award, ...previous.items.filter((item) => item.id !== result.award.id)],
            }
          : previous,
      )
      setExcluded([])
      setReason('')
      toast(result.award.periodEnded ? '草稿已生成，请审核' : '草稿已生成（周期未结束，仅供预览）')
    } catch (error) {
      toast(messageOf(error))
    }
  }

  const onPublish = async (target: AwardView) => {
    const { confirm } = await Taro.showModal({
      title: `发布${target.title}`,
      content: `${target.periodLabel}共${target.winners.length}人获奖。发布后将通知获奖者，且不能撤回。`,
      confirmText: '发布',
    })
    if (!confirm) return
    try {
      const result = await publish.run({ awardId: target.id })
      awards.setData((previous) =>
        previous
          ? {
              ...previous,
              items: previous.items.map((item) => (item.id === result.award.id ? result.award : item)),
            }
          : previous,
      )
      toast('已发布，获奖者将收到通知')
    } catch (error) {
      toast(messageOf(error))
      void awards.reload()
    }
  }

  const toggle = (openid: string) =>
    setExcluded((previous) =>
      previous.includes(openid) ? previous.filter((id) => id !== openid) : [...previous, openid],
    )

  const isDraft = award?.status === 'draft'
  return (
    <View className="bg-page bg-review">
      <Segmented
        hook="bg-review-kind"
        options={kinds}
        value={kind}
        onChange={(value) => choose(() => setKind(value))}
      />
      <Segmented
        hook="bg-review-period"
        options={periods}
        value={which}
        onChange={(value) => choose(() => setWhich(value))}
      />
      <Segmented
        hook="bg-review-list"
        options={lists}
        value={list}
        onChange={(value) => choose(() => setList(value))}
      />
      <Text className="bg-review__hint">
        周期结束后系统自动按积分生成草稿。请核实获奖人，可排除有疑问的人员后重新生成，确认无误再发布。发布后不能撤回。
      </Text>

      <StateView
        loading={awards.loading && !awards.data}
        error={awards.data ? undefined : awards.error}
        empty={Boolean(awards.data) && !award}
        emptyText={`${periodLabel(period)}还没有评选草稿`}
        onRetry={() => void awards.reload()}
      />

      {award ? (
        <AwardCard
          award={award}
          winnerAction={
            isDraft
              ? (winner) => (
                  <Text
                    className={cx(
                      'bg-review__exclude',
                      `bg-exclude-${winner.rank}`,
                      excluded.includes(winner.openid) && 'bg-review__exclude--on',
                    )}
                    onClick={() => toggle(winner.openid)}
                  >
                    {excluded.includes(winner.openid) ? '已排除' : '排除'}
                  </Text>
                )
              : undefined
          }
        />
      ) : null}
      {excluded.length > 0 ? (
        <View className="bg-review__pending">
          <Text>{`已选择排除${excluded.length}人，重新生成草稿后生效`}</Text>
          <Input
            className="bg-review__reason"
            value={reason}
            maxlength={200}
            placeholder="请写明排除原因（必填）"
            onInput={(event) => setReason(event.detail.value)}
          />
        </View>
      ) : null}

      {award?.status === 'published' ? null : (
        <View className="bg-review__draft bg-review__actions">
          <Button
            className={cx(
              'bg-button bg-button--ghost bg-review__action bg-draft-award',
              draft.running && 'bg-button--disabled',
            )}
            loading={draft.running}
            disabled={draft.running}
            onClick={() => void onDraft()}
          >
            {award ? '重新生成草稿' : '生成草稿'}
          </Button>
          {award && isDraft ? (
            <Button
              className={cx(
                'bg-button bg-button--primary bg-review__action bg-publish-award',
                (publish.running || !award.periodEnded || excluded.length > 0) && 'bg-button--disabled',
              )}
              loading={publish.running}
              disabled={publish.running || !award.periodEnded || excluded.length > 0}
              onClick={() => void onPublish(award)}
            >
              审核通过并发布
            </Button>
          ) : null}
        </View>
      )}
    </View>
  )
}
