import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { shippedSettings } from '@/domain/settings'
import { CategoryPicker } from '@/components/category-picker'
import { FieldError } from '@/components/field-error'
import { PhotoField } from '@/components/photo-field'
import { PrivacySheet } from '@/components/privacy-sheet'
import { StateView } from '@/components/state-view'
import { Button } from '@/components/nut/button'
import { TextArea } from '@/components/nut/textarea'
import { useAction } from '@/hooks/use-action'
import { usePrivacyGate } from '@/hooks/use-privacy-gate'
import { useQuery } from '@/hooks/use-query'
import { isApiError, photoUrl, uploadPhoto } from '@/services/api'
import { formatBeijingTime } from '@/domain/shared/time'
import { routes } from '@/utils/routes'
import { PlaceSection } from '@/pages/report/components/place-section'
import {
  checkInPayload,
  durationText,
  emptyPatrolForm,
  reportPayload,
  type PatrolForm,
  type RoundView,
} from './patrol-form'
import '../../../pages/report/index.scss'

/**
 * 巡查: a grid member's or volunteer's round. Start it, check in at each point passed (place, optional photo
 * and note), report a problem found with the place filled in (发现问题), end it; the track and the duration
 * stay on the page.
 */
export default function PatrolPage() {
  const current = useQuery('patrol.round', {})
  const start = useAction('patrol.startRound')
  const checkIn = useAction('patrol.checkIn')
  const report = useAction('patrol.report')
  const end = useAction('patrol.endRound')
  const privacy = usePrivacyGate()
  const [form, setForm] = useState<PatrolForm>(() => emptyPatrolForm())
  const [startId, setStartId] = useState(() => emptyPatrolForm().requestId)
  const [finding, setFinding] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const update = (patch: Partial<PatrolForm>) => setForm((was) => ({ ...was, ...patch }))
  const clear = (...fields: string[]) =>
    setErrors((was) => Object.fromEntries(Object.entries(was).filter(([key]) => !fields.includes(key))))
  const round = current.data?.round ?? null
  const show = (next: RoundView) => current.setData(() => ({ round: next }))
  const failed = (error: unknown, fallback: string) => {
    if (isApiError(error) && error.fields) setErrors(error.fields)
    Taro.showToast({ title: isApiError(error) ? error.message : fallback, icon: 'none' })
  }

  const begin = async () => {
    try {
      show((await start.run({ requestId: startId })).round)
      setStartId(emptyPatrolForm().requestId)
      setForm(emptyPatrolForm())
    } catch (error) {
      failed(error, '开始巡查失败，请重试')
    }
  }
  const mark = async (open: RoundView) => {
    try {
      const answer = await checkIn.run(checkInPayload(form, open))
      if (answer.round) show(answer.round)
      setForm(emptyPatrolForm())
      Taro.showToast({ title: answer.points > 0 ? `已打卡 +${answer.points}` : '已打卡', icon: 'none' })
    } catch (error) {
      failed(error, '打卡失败，请重试')
    }
  }
  const file = async (open: RoundView) => {
    try {
      const answer = await report.run(reportPayload(form, open))
      show({ ...open, caseIds: [...new Set([...open.caseIds, answer.case.id])] })
      setFinding(false)
      setForm(emptyPatrolForm())
      Taro.showToast({ title: `已上报 ${answer.case.caseNo}`, icon: 'none' })
    } catch (error) {
      failed(error, '上报失败，请重试')
    }
  }
  const finish = async (open: RoundView) => {
    try {
      show((await end.run({ roundId: open.id })).round)
    } catch (error) {
      failed(error, '结束巡查失败，请重试')
    }
  }

  if (!current.data)
    return <StateView loading={current.loading} error={current.error} onRetry={current.reload} />
  const open = round?.open ? round : null

  return (
    <View className="bg-page bg-patrol">
      {round ? (
        <View className="bg-section bg-patrol__round">
          <Text className="bg-section__title">{open ? '巡查中' : '上次巡查'}</Text>
          <Text className="bg-section__note">
            {`开始 ${formatBeijingTime(round.startedAt)} · 用时 ${durationText(round.durationMinutes)} · 打卡 ${round.track.length} 次`}
          </Text>
          {round.endedBy === 'timeout' ? (
            <Text className="bg-section__note">长时间未打卡，已在最后一次打卡时自动结束</Text>
          ) : null}
          {round.track.map((point, index) => (
            <Text key={point.patrolId} className="bg-section__note bg-patrol__point">
              {`${index + 1}. ${formatBeijingTime(point.at)}${point.hasPhotos ? ' · 有照片' : ''}`}
            </Text>
          ))}
          {round.caseIds.map((caseId) => (
            <Text
              key={caseId}
              className="bg-hotline__link"
              onClick={() => void Taro.navigateTo({ url: routes.caseDetail(caseId) })}
            >
              查看发现的问题
            </Text>
          ))}
        </View>
      ) : (
        <View className="bg-section">
          <Text className="bg-section__note">还没有巡查记录。开始巡查后，沿途打卡会形成巡查轨迹。</Text>
        </View>
      )}

      {open ? (
        <>
          <PlaceSection value={form} onChange={update} errors={errors} onFixed={clear} gate={privacy.run} />
          <View className="bg-section">
            <Text className="bg-section__title">照片（选填，有照片的打卡计积分）</Text>
            <PhotoField
              value={form.photos}
              onChange={(photos) => update({ photos })}
              upload={uploadPhoto}
              photoUrl={photoUrl}
              gate={privacy.run}
            />
            <Input
              className="bg-report__input bg-patrol-note"
              value={form.note}
              maxlength={200}
              placeholder="巡查记录（选填）"
              onInput={(event) => update({ note: event.detail.value })}
            />
          </View>
          {finding ? (
            <View className="bg-section">
              <Text className="bg-section__title">发现问题</Text>
              <CategoryPicker
                categories={shippedSettings.categories.categories}
                categoryId={form.categoryId}
                checkId={form.checkId}
                onChange={(choice) => update(choice)}
                errors={{ categoryId: errors.categoryId, checkId: errors.checkId }}
              />
              <TextArea
                className="bg-report__textarea bg-patrol-description"
                value={form.description}
                maxLength={500}
                autoSize
                placeholder="描述发现的问题；位置默认为上次打卡处"
                onChange={(value) => update({ description: value })}
              />
              <FieldError field="description" message={errors.description} />
              <Button type="primary" block loading={report.running} onClick={() => void file(open)}>
                上报问题
              </Button>
            </View>
          ) : null}
          <View className="bg-hotline__footer">
            <Button
              id="bg-patrol-check-in"
              type="primary"
              size="large"
              block
              loading={checkIn.running}
              onClick={() => void mark(open)}
            >
              在此打卡
            </Button>
            {finding ? null : (
              <Button id="bg-patrol-find" block onClick={() => setFinding(true)}>
                发现问题
              </Button>
            )}
            <Button id="bg-patrol-end" block loading={end.running} onClick={() => void finish(open)}>
              结束巡查
            </Button>
          </View>
        </>
      ) : (
        <View className="bg-hotline__footer">
          <Button
            id="bg-patrol-start"
            type="primary"
            size="large"
            block
            loading={start.running}
            onClick={() => void begin()}
          >
            开始巡查
          </Button>
        </View>
      )}
      <PrivacySheet {...privacy.sheet} />
    </View>
  )
}
