import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionOutput } from '@/domain/contract'
import { alertLevels, type AlertLevel } from '@/domain/alerts/levels'
import { shippedSettings } from '@/domain/settings'
import { formatBeijingTime } from '@/domain/shared/time'
import { FieldError } from '@/components/field-error'
import { Button } from '@/components/nut/button'
import { TextArea } from '@/components/nut/textarea'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useFieldErrors } from '@/hooks/use-field-errors'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useQuery } from '@/hooks/use-query'
import { isApiError, messageOf } from '@/services/api'
import { cx } from '@/utils/class-name'
import { listCount } from '@/utils/list-count'
import {
  alertFormErrors,
  buildAlertPayload,
  emptyAlertForm,
  withDuration,
  type AlertForm,
} from './alert-form'
import './index.scss'

type AlertRecord = ActionOutput<'alert.list'>['items'][number]

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
const levelRules = shippedSettings.alertLevels.levels
const stateLabels: Record<AlertRecord['state'], string> = {
  upcoming: '未开始',
  'in-force': '生效中',
  ended: '已结束',
}
const durations = [24, 48, 72]

/** One alert of the history: level, window, who set it, its lift; 解除 (or 取消, before it starts) while not over. */
function AlertItem({ alert, onLifted }: { alert: AlertRecord; onLifted: () => void }) {
  const [lifting, setLifting] = useState(false)
  const [note, setNote] = useState('')
  const lift = useAction('alert.lift')
  const verb = alert.state === 'upcoming' ? '取消' : '解除'

  const confirm = async () => {
    if (lift.running) return
    try {
      await lift.run({ alertId: alert.id, note })
      toast(alert.state === 'upcoming' ? '预警已取消' : '预警已解除')
      setLifting(false)
      onLifted()
    } catch (error) {
      toast(messageOf(error))
    }
  }

  return (
    <View className={`bg-section bg-alert-item bg-alert-item-${alert.state}`}>
      <View className="bg-alert-item__head">
        <Text className="bg-alert-item__level" style={{ backgroundColor: alert.colour }}>
          {alert.label}
        </Text>
        <Text className={`bg-alert-item__state bg-alert-item__state--${alert.state}`}>
          {alert.lift
            ? alert.state === 'ended'
              ? '已解除'
              : stateLabels[alert.state]
            : stateLabels[alert.state]}
        </Text>
      </View>
      <Text className="bg-alert-item__line">
        {`${formatBeijingTime(alert.startsAt)} 至 ${formatBeijingTime(alert.plannedEndsAt)}`}
      </Text>
      <Text className="bg-alert-item__line">{`${alert.setByNickname} 发布于 ${formatBeijingTime(alert.setAt)}`}</Text>
      {alert.note ? <Text className="bg-alert-item__line">{`说明：${alert.note}`}</Text> : null}
      {alert.lift ? (
        <Text className="bg-alert-item__line">
          {`${alert.lift.byNickname} ${formatBeijingTime(alert.lift.at)} 解除${alert.lift.note ? `：${alert.lift.note}` : ''}`}
        </Text>
      ) : null}
      {alert.state !== 'ended' && !lifting ? (
        <Text className="bg-alert-item__action bg-alert-lift" onClick={() => setLifting(true)}>
          {`${verb}预警 ›`}
        </Text>
      ) : null}
      {lifting ? (
        <View className="bg-alert-item__lift">
          <Input
            className="bg-alerts__input bg-alert-lift-note"
            value={note}
            maxlength={200}
            placeholder={`${verb}原因（选填），如 空气质量好转`}
            onInput={(event) => setNote(event.detail.value)}
          />
          <View className="bg-alert-item__buttons">
            <Button
              className="bg-alert-lift-confirm"
              type="danger"
              size="small"
              loading={lift.running}
              disabled={lift.running}
              onClick={() => void confirm()}
            >
              {`确认${verb}`}
            </Button>
            <Button
              className="bg-alert-lift-cancel"
              size="small"
              fill="none"
              onClick={() => setLifting(false)}
            >
              返回
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/**
 * 重污染天气预警, for the district office: the alert in force with its measures, a new alert set (level, start,
 * end, a note) and the district's history, where an alert not yet over is lifted (or, before it starts,
 * cancelled). Its effect on reports (urgent, shorter deadlines) is the server's.
 */
export default function AlertsPage() {
  const [form, setForm] = useState<AlertForm>(() => emptyAlertForm(new Date()))
  const { errors, setErrors, clearErrors } = useFieldErrors()
  const set = useAction('alert.set')
  const current = useQuery('alert.current', {})
  const history = usePagedQuery('alert.list', {}, { pageSize: 10 })
  const update = (patch: Partial<AlertForm>, ...fields: string[]) => {
    setForm((previous) => ({ ...previous, ...patch }))
    clearErrors(...fields)
  }
  const reload = () => Promise.all([current.reload(), history.reload()])

  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => {
    if (history.hasMore && !history.moreError) void history.loadMore()
  })

  const send = async () => {
    if (set.running) return
    const local = alertFormErrors(form, new Date())
    setErrors(local)
    if (Object.keys(local).length > 0) {
      toast('请按提示修改后再发布')
      return
    }
    try {
      const { alert } = await set.run(buildAlertPayload(form))
      toast(`${alert.label}已发布`)
      setForm(emptyAlertForm(new Date()))
      setErrors({})
      await reload()
    } catch (error) {
      if (isApiError(error) && error.fields) setErrors(error.fields)
      toast(messageOf(error))
    }
  }

  const inForce = current.data?.alert
  const chosen = form.level ? levelRules[form.level] : undefined

  return (
    <View className="bg-page bg-alerts">
      <View className="bg-section bg-alerts__current">
        <Text className="bg-section__title">当前预警</Text>
        {inForce ? (
          <View className={cx('bg-alerts__in-force', `bg-alerts__in-force--${inForce.level}`)}>
            <View className="bg-alert-item__head">
              <Text
                className="bg-alert-item__level bg-alerts-current-level"
                style={{ backgroundColor: inForce.colour }}
              >
                {inForce.label}
              </Text>
              <Text className="bg-alert-item__state">生效中</Text>
            </View>
            <Text className="bg-alert-item__line">
              {`${formatBeijingTime(inForce.startsAt)} 至 ${formatBeijingTime(inForce.endsAt)}`}
            </Text>
            <Text className="bg-alerts__measures">{inForce.measures}</Text>
          </View>
        ) : (
          <Text className="bg-section__note bg-alerts-none">
            {current.error
              ? current.error.message
              : current.loading
                ? '正在读取…'
                : '本区当前没有生效的重污染天气预警'}
          </Text>
        )}
      </View>

      <View className="bg-section bg-alerts__form">
        <Text className="bg-section__title">发布预警</Text>
        <View className="bg-alerts__levels">
          {alertLevels.map((level: AlertLevel) => (
            <Text
              key={level}
              className={cx(
                'bg-alerts__level',
                `bg-alert-level-${level}`,
                form.level === level && 'bg-alerts__level--on',
              )}
              style={form.level === level ? { backgroundColor: levelRules[level].colour, color: '#fff' } : {}}
              onClick={() => update({ level }, 'level')}
            >
              {levelRules[level].label}
            </Text>
          ))}
        </View>
        <FieldError field="level" message={errors.level} />
        {chosen ? (
          <Text className="bg-section__note bg-alerts-measures-preview">{chosen.measures}</Text>
        ) : null}

        <View className="bg-alerts__when">
          <Text className="bg-alerts__label">开始</Text>
          <Picker
            mode="date"
            className="bg-alerts__picker bg-alert-start-date"
            value={form.startDate}
            onChange={(event) => update({ startDate: String(event.detail.value) }, 'startsAt', 'endsAt')}
          >
            <Text className="bg-alerts__value">{form.startDate || '选择日期'}</Text>
          </Picker>
          <Picker
            mode="time"
            className="bg-alerts__picker bg-alert-start-time"
            value={form.startTime}
            onChange={(event) => update({ startTime: String(event.detail.value) }, 'startsAt', 'endsAt')}
          >
            <Text className="bg-alerts__value">{form.startTime || '选择时间'}</Text>
          </Picker>
        </View>
        <FieldError field="startsAt" message={errors.startsAt} />
        <View className="bg-alerts__when">
          <Text className="bg-alerts__label">结束</Text>
          <Picker
            mode="date"
            className="bg-alerts__picker bg-alert-end-date"
            value={form.endDate}
            onChange={(event) => update({ endDate: String(event.detail.value) }, 'endsAt')}
          >
            <Text className="bg-alerts__value">{form.endDate || '选择日期'}</Text>
          </Picker>
          <Picker
            mode="time"
            className="bg-alerts__picker bg-alert-end-time"
            value={form.endTime}
            onChange={(event) => update({ endTime: String(event.detail.value) }, 'endsAt')}
          >
            <Text className="bg-alerts__value">{form.endTime || '选择时间'}</Text>
          </Picker>
        </View>
        <View className="bg-alerts__durations">
          {durations.map((hours) => (
            <Text
              key={hours}
              className={`bg-alerts__duration bg-alert-duration-${hours}`}
              onClick={() => {
                setForm((previous) => withDuration(previous, hours))
                clearErrors('endsAt')
              }}
            >
              {`持续${hours}小时`}
            </Text>
          ))}
        </View>
        <FieldError field="endsAt" message={errors.endsAt} />
        <TextArea
          className="bg-alerts__note bg-alert-note"
          value={form.note}
          maxLength={200}
          showCount
          autoSize
          placeholder="说明（选填），如 依据市重污染天气应急指挥部通知"
          onChange={(value) => update({ note: value }, 'note')}
        />
        <FieldError field="note" message={errors.note} />
        <Button
          className="bg-alerts__submit"
          id="bg-alert-submit"
          type="primary"
          block
          loading={set.running}
          disabled={set.running}
          onClick={() => void send()}
        >
          发布预警
        </Button>
        <Text className="bg-section__note">
          同一时间本区只能有一个预警；预警期间，相关类别的新举报将加急处理并缩短办理时限。
        </Text>
      </View>

      <View className="bg-alerts__bar">
        <Text className="bg-alerts__total">
          {history.last ? `预警记录 · 共 ${listCount(history.total, history.items.length)} 条` : '预警记录'}
        </Text>
      </View>
      <StateView
        loading={history.loading && history.items.length === 0}
        error={history.items.length === 0 ? history.error : undefined}
        empty={!history.loading && !history.error && history.items.length === 0}
        emptyText="本区还没有发布过预警"
        onRetry={() => void history.reload()}
      />
      {history.items.map((alert) => (
        <AlertItem key={alert.id} alert={alert} onLifted={() => void reload()} />
      ))}
      {history.hasMore ? (
        <Button
          className="bg-load-more bg-alerts__more"
          fill="none"
          block
          loading={history.loadingMore}
          onClick={() => void history.loadMore()}
        >
          {history.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
