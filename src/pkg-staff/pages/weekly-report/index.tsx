import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { weeklyInputs, weeklyTextSchema } from '@/domain/reports/weekly-inputs'
import { describeIssues } from '@/domain/shared/contract-kit'
import type { WeeklyReportView, WeeklyText } from '@/domain/contract'
import { formatBeijingTime } from '@/domain/shared/time'
import { FieldError } from '@/components/field-error'
import { TextArea } from '@/components/nut/textarea'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useFieldErrors } from '@/hooks/use-field-errors'
import { useQuery } from '@/hooks/use-query'
import { isApiError } from '@/services/api'
import { cx } from '@/utils/class-name'
import { percent } from '../../weekly/open-export'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
const messageOf = (error: unknown) => (isApiError(error) ? error.message : '操作失败，请重试')

type Row = WeeklyReportView['figures']['own']

function HandlingTable({ rows, highlight }: { rows: Row[]; highlight: string }) {
  return (
    <View className="bg-weekly-report__table bg-weekly-handling">
      <View className="bg-weekly-report__tr bg-weekly-report__tr--head">
        {['排名', '名称', '受理', '应结案', '结案', '按期', '返工', '超期', '按期结案率'].map((head) => (
          <Text key={head} className="bg-weekly-report__td">
            {head}
          </Text>
        ))}
      </View>
      {rows.map((row) => (
        <View
          key={row.gridId}
          className={cx(
            'bg-weekly-report__tr',
            `bg-weekly-row-${row.gridId}`,
            row.gridId === highlight && 'bg-weekly-report__tr--own',
          )}
        >
          {[
            row.rank,
            row.name,
            row.received,
            row.due,
            row.closed,
            row.closedOnTime,
            row.reworked,
            row.overdue,
            percent(row.onTimeRate),
          ].map((value, index) => (
            <Text key={index} className="bg-weekly-report__td">
              {String(value)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <View className="bg-section bg-weekly-report__section">
      <Text className="bg-section__title">{title}</Text>
      {children}
    </View>
  )
}

const textFields: Array<{ key: keyof WeeklyText; label: string; placeholder: string }> = [
  { key: 'problems', label: '存在的问题', placeholder: '本周发现的突出问题、整改难点' },
  { key: 'suggestions', label: '意见建议', placeholder: '需要街道或区里协调解决的事项' },
  { key: 'nextWeek', label: '下周工作重点', placeholder: '下周的巡查重点和整改安排' },
]
const emptyText: WeeklyText = { problems: '', suggestions: '', nextWeek: '' }

/**
 * One Thursday report: sections 1–5 from the desk's figures, section 6 the leader's text. The community's
 * leader fills it in and submits (again, to replace it); the street's leader merges the submitted ones
 * into the street's report and adds the street's text.
 */
export default function WeeklyReportPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.report ?? '')
  const me = useQuery('me.get', {})
  const got = useQuery('report.weekly.get', { id }, { enabled: id !== '' })
  const submit = useAction('report.weekly.submit')
  const merge = useAction('report.weekly.merge')
  const { errors, setErrors, clearErrors } = useFieldErrors()
  const [form, setForm] = useState<WeeklyText>(emptyText)
  const [mergeText, setMergeText] = useState('')
  const report = got.data?.report

  useEffect(() => {
    if (report?.text) setForm(report.text)
    if (report?.mergeText) setMergeText(report.mergeText)
  }, [report?.id, report?.version]) // eslint-disable-line react-hooks/exhaustive-deps

  const leaderOf = (gridId: string) =>
    me.data?.role === 'grid_leader' && me.data.grids.some((grid) => grid.id === gridId)
  const canSubmit = report?.kind === 'community' && leaderOf(report.grid.id)
  const canMerge = report?.kind === 'street' && leaderOf(report.grid.id)

  const show = (next: WeeklyReportView) => got.setData(() => ({ report: next }))

  const onSubmit = async () => {
    const parsed = weeklyTextSchema.safeParse(form)
    if (!parsed.success) {
      setErrors(describeIssues(parsed.error))
      return
    }
    try {
      show((await submit.run({ id, ...parsed.data })).report)
      toast('周报已提交')
    } catch (error) {
      if (isApiError(error) && error.fields) setErrors(error.fields)
      toast(messageOf(error))
    }
  }

  const onMerge = async () => {
    const input = { streetId: report!.grid.id, week: report!.week, text: mergeText }
    const parsed = weeklyInputs['report.weekly.merge'].safeParse(input)
    if (!parsed.success) {
      setErrors(describeIssues(parsed.error))
      return
    }
    try {
      show((await merge.run(parsed.data)).report)
      toast('街道周报已汇总')
    } catch (error) {
      toast(messageOf(error))
    }
  }

  if (!report)
    return (
      <View className="bg-page bg-weekly-report">
        <StateView
          loading={got.loading}
          error={got.error ?? (id ? undefined : { message: '没有找到这份周报' })}
          onRetry={() => void got.reload()}
        />
      </View>
    )

  const { figures } = report
  return (
    <View className="bg-page bg-weekly-report">
      <View className="bg-weekly-report__head">
        <Text className="bg-weekly-report__title">{report.grid.label}</Text>
        <Text className="bg-weekly-report__week">{report.weekLabel}</Text>
        <Text className={cx('bg-weekly-report__status', `bg-weekly-report__status--${report.status}`)}>
          {report.statusLabel}
        </Text>
        <Text className="bg-weekly-report__meta">
          {report.submittedAt
            ? `${report.kind === 'street' ? '汇总' : '提交'}：${report.submittedBy ?? ''} ${formatBeijingTime(report.submittedAt)}（第${report.version}版）`
            : `截止：${formatBeijingTime(report.deadline)}`}
        </Text>
      </View>

      <Section title="一、空气质量">
        <Text className="bg-weekly-report__note">{`${figures.airQuality.note}：${figures.airQuality.sensorReports}件`}</Text>
      </Section>
      <Section title="二、问题分类">
        <Text className="bg-weekly-report__line">{`受理问题 ${figures.received} 件`}</Text>
        {figures.byCategory
          .filter((item) => item.count > 0)
          .map((item) => (
            <Text key={item.id} className="bg-weekly-report__line">{`${item.label}：${item.count}`}</Text>
          ))}
        <Text className="bg-weekly-report__line bg-weekly-sources">
          {figures.bySource.map((item) => `${item.label} ${item.count}`).join(' · ')}
        </Text>
      </Section>
      <Section title="三、办理情况">
        <Text className="bg-weekly-report__line bg-weekly-rates">
          {`结案率 ${percent(figures.own.closureRate)} · 按期结案率 ${percent(figures.own.onTimeRate)} · 返工率 ${percent(figures.own.reworkRate)} · 超期率 ${percent(figures.own.overdueRate)}`}
        </Text>
        <HandlingTable rows={figures.peers} highlight={report.grid.id} />
      </Section>
      <Section title="四、亮牌与督办">
        <Text className="bg-weekly-report__line bg-weekly-cards">
          {`黄牌 ${figures.cards.yellow} · 红牌 ${figures.cards.red} · 督办 ${figures.escalations}`}
        </Text>
      </Section>
      <Section title="五、问题高发网格">
        {figures.hotspots.length === 0 ? <Text className="bg-weekly-report__line">本周无</Text> : null}
        {figures.hotspots.map((spot, index) => (
          <Text
            key={spot.id}
            className="bg-weekly-report__line"
          >{`${index + 1}. ${spot.label}：${spot.count}件`}</Text>
        ))}
      </Section>

      {report.kind === 'community' ? (
        <Section title="六、存在问题、意见建议、下周工作重点">
          {canSubmit ? (
            <View className="bg-weekly-report__form bg-weekly-form">
              {textFields.map((field) => (
                <View key={field.key} className="bg-weekly-report__field">
                  <Text className="bg-weekly-report__label">{field.label}</Text>
                  <TextArea
                    className={`bg-weekly-report__textarea bg-weekly-${field.key}`}
                    value={form[field.key]}
                    maxLength={1000}
                    placeholder={field.placeholder}
                    onChange={(value) => {
                      setForm((current) => ({ ...current, [field.key]: value }))
                      clearErrors(field.key)
                    }}
                  />
                  <FieldError field={field.key} message={errors[field.key]} />
                </View>
              ))}
              <Button
                className={cx(
                  'bg-button bg-button--primary bg-submit-weekly',
                  submit.running && 'bg-button--disabled',
                )}
                loading={submit.running}
                disabled={submit.running}
                onClick={() => void onSubmit()}
              >
                {report.version > 0 ? '修改并重新提交' : '提交周报'}
              </Button>
            </View>
          ) : (
            textFields.map((field) => (
              <Text key={field.key} className="bg-weekly-report__line">
                {`${field.label}：${report.text?.[field.key] ?? '（未填报）'}`}
              </Text>
            ))
          )}
        </Section>
      ) : (
        <Section title="六、各社区报送与街道汇总意见">
          {report.merged.map((section) => (
            <View key={section.communityId} className="bg-weekly-report__merged bg-weekly-merged">
              <Text className="bg-weekly-report__label">{`${section.name}（第${section.version}版）`}</Text>
              {textFields.map((field) => (
                <Text
                  key={field.key}
                  className="bg-weekly-report__line"
                >{`${field.label}：${section.text[field.key]}`}</Text>
              ))}
            </View>
          ))}
          {report.missing.length > 0 ? (
            <Text className="bg-weekly-report__line bg-weekly-missing">
              {`未提交：${report.missing.map((grid) => grid.name).join('、')}`}
            </Text>
          ) : null}
          {canMerge ? (
            <View className="bg-weekly-report__form bg-weekly-merge-form">
              <Text className="bg-weekly-report__label">街道汇总意见</Text>
              <TextArea
                className="bg-weekly-report__textarea bg-weekly-merge-text"
                value={mergeText}
                maxLength={2000}
                placeholder="汇总各社区情况，写明街道的意见和下周安排"
                onChange={(value) => {
                  setMergeText(value)
                  clearErrors('text')
                }}
              />
              <FieldError field="text" message={errors.text} />
              <Button
                className={cx(
                  'bg-button bg-button--primary bg-merge-weekly',
                  merge.running && 'bg-button--disabled',
                )}
                loading={merge.running}
                disabled={merge.running}
                onClick={() => void onMerge()}
              >
                {report.version > 0 ? '重新汇总' : '汇总各社区周报'}
              </Button>
            </View>
          ) : (
            <Text className="bg-weekly-report__line">{`街道意见：${report.mergeText ?? '（未汇总）'}`}</Text>
          )}
        </Section>
      )}

      {report.history.length > 0 ? (
        <Section title="历史版本">
          {report.history.map((entry) => (
            <Text key={entry.version} className="bg-weekly-report__line bg-weekly-history">
              {`第${entry.version}版：${entry.submittedBy} ${formatBeijingTime(entry.submittedAt)}`}
            </Text>
          ))}
        </Section>
      ) : null}
    </View>
  )
}
