import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import type { AssessmentEntry, AssessmentLevel, AssessmentView } from '@/domain/contract'
import { assessmentLevelLabels, assessmentLevels } from '@/domain/assessment/inputs'
import { periodKeyOf, periodLabel, previousPeriodKey } from '@/domain/shared/time'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useQuery } from '@/hooks/use-query'
import { isApiError } from '@/services/api'
import { cx } from '@/utils/class-name'
import { weeklyRoutes } from '../../weekly/open-export'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
const messageOf = (error: unknown) => (isApiError(error) ? error.message : '操作失败，请重试')
const scoreText = (entry: AssessmentEntry) => (entry.score === null ? '无数据' : entry.score.toFixed(1))

function Row({ entry }: { entry: AssessmentEntry }) {
  return (
    <View className={cx('bg-assess__row', `bg-assess-row-${entry.nodeId}`)}>
      <Text className="bg-assess__rank">{entry.rank ?? '—'}</Text>
      <View className="bg-assess__name">
        <Text>{entry.name}</Text>
        {entry.parentName ? <Text className="bg-assess__parent">{entry.parentName}</Text> : null}
        {entry.notes.map((note) => (
          <Text key={note} className="bg-assess__note">
            {note}
          </Text>
        ))}
      </View>
      <Text className="bg-assess__score">{scoreText(entry)}</Text>
      <Text className={cx('bg-assess__grade', entry.grade && `bg-assess__grade--${entry.grade}`)}>
        {entry.grade ?? '—'}
      </Text>
    </View>
  )
}

/**
 * The month's assessment: each level's league with scores and grades, its 红榜 and 黑榜, and for the
 * district office the draft (again, after a review) and publishing, once the month is over.
 */
export default function AssessmentPage() {
  const now = useMemo(() => new Date(), [])
  const [which, setWhich] = useState<'previous' | 'current'>('previous')
  const [level, setLevel] = useState<AssessmentLevel>('street')
  const month = which === 'previous' ? previousPeriodKey('month', now) : periodKeyOf('month', now)

  const me = useQuery('me.get', {})
  const list = useQuery('assessment.list', { month })
  const draft = useAction('assessment.draft')
  const publish = useAction('assessment.publish')
  const office = me.data?.role === 'district_office'
  const assessment: AssessmentView | undefined = list.data?.items[0]
  const league = assessment?.leagues.find((item) => item.level === level)
  const byId = new Map(league?.entries.map((entry) => [entry.nodeId, entry]))

  const show = (next: AssessmentView) =>
    list.setData((previous) => (previous ? { ...previous, items: [next] } : previous))

  const onDraft = async () => {
    try {
      const result = await draft.run({ month })
      show(result.assessment)
      toast(result.assessment.periodEnded ? '草稿已生成，请审核' : '草稿已生成（月份未结束，仅供预览）')
    } catch (error) {
      toast(messageOf(error))
    }
  }

  const onPublish = async (target: AssessmentView) => {
    const { confirm } = await Taro.showModal({
      title: `发布${target.monthLabel}考核结果`,
      content: '发布后本区网格工作人员都能看到排名和等级，且不能撤回。',
      confirmText: '发布',
    })
    if (!confirm) return
    try {
      show((await publish.run({ month })).assessment)
      toast('考核结果已发布')
    } catch (error) {
      toast(messageOf(error))
      void list.reload()
    }
  }

  const tab = (active: boolean, hook: string) => cx('bg-assess__tab', hook, active && 'bg-assess__tab--on')
  return (
    <View className="bg-page bg-assess">
      <Text
        className="bg-assess__weekly bg-weekly-entry"
        onClick={() => void Taro.navigateTo({ url: weeklyRoutes.list })}
      >
        每周四周报 ›
      </Text>
      <View className="bg-assess__tabs">
        {(['previous', 'current'] as const).map((value) => (
          <Text
            key={value}
            className={tab(which === value, `bg-assess-month-${value}`)}
            onClick={() => setWhich(value)}
          >
            {periodLabel(value === 'previous' ? previousPeriodKey('month', now) : periodKeyOf('month', now))}
          </Text>
        ))}
      </View>
      <View className="bg-assess__tabs">
        {assessmentLevels.map((value) => (
          <Text
            key={value}
            className={tab(level === value, `bg-assess-level-${value}`)}
            onClick={() => setLevel(value)}
          >
            {assessmentLevelLabels[value]}
          </Text>
        ))}
      </View>

      <StateView
        loading={list.loading && !list.data}
        error={list.data ? undefined : list.error}
        empty={Boolean(list.data) && !assessment}
        emptyText={`${periodLabel(month)}的考核结果尚未发布`}
        onRetry={() => void list.reload()}
      />

      {assessment && league ? (
        <View className="bg-assess__body">
          <Text className="bg-assess__status">{`${assessment.monthLabel} · ${assessment.statusLabel}`}</Text>
          <Text className="bg-assess__weights">
            {`综合指标值 = ${assessment.weights
              .filter((item) => item.weight > 0)
              .map((item) => `${item.label}×${item.weight}`)
              .join(' + ')}（权重由区里设定；黄牌两张督办扣分，红牌扣分并约谈）`}
          </Text>
          <View className="bg-section bg-assess__lists">
            <View className="bg-assess__list bg-assess-top">
              <Text className="bg-assess__list-title bg-assess__list-title--top">红榜</Text>
              {league.top.map((id) => (
                <Text
                  key={id}
                  className="bg-assess__list-item"
                >{`${byId.get(id)?.rank ?? ''}. ${byId.get(id)?.name ?? id}`}</Text>
              ))}
            </View>
            <View className="bg-assess__list bg-assess-bottom">
              <Text className="bg-assess__list-title bg-assess__list-title--bottom">黑榜</Text>
              {league.bottom.map((id) => (
                <Text
                  key={id}
                  className="bg-assess__list-item"
                >{`${byId.get(id)?.rank ?? ''}. ${byId.get(id)?.name ?? id}`}</Text>
              ))}
            </View>
          </View>
          <View className="bg-section bg-assess__table">
            {league.entries.map((entry) => (
              <Row key={entry.nodeId} entry={entry} />
            ))}
          </View>
        </View>
      ) : null}

      {office && assessment?.status !== 'published' ? (
        <View className="bg-assess__actions">
          <Button
            className={cx(
              'bg-button bg-button--ghost bg-assess__action bg-draft-assessment',
              draft.running && 'bg-button--disabled',
            )}
            loading={draft.running}
            disabled={draft.running}
            onClick={() => void onDraft()}
          >
            {assessment ? '重新生成草稿' : '生成草稿'}
          </Button>
          {assessment ? (
            <Button
              className={cx(
                'bg-button bg-button--primary bg-assess__action bg-publish-assessment',
                (publish.running || !assessment.periodEnded) && 'bg-button--disabled',
              )}
              loading={publish.running}
              disabled={publish.running || !assessment.periodEnded}
              onClick={() => void onPublish(assessment)}
            >
              审核通过并发布
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
