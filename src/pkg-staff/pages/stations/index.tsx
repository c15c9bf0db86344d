import { Input, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionOutput } from '@/domain/contract'
import { formatBeijingTime } from '@/domain/shared/time'
import { FieldError } from '@/components/field-error'
import { Button } from '@/components/nut/button'
import { PrivacySheet } from '@/components/privacy-sheet'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useFieldErrors } from '@/hooks/use-field-errors'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { usePrivacyGate } from '@/hooks/use-privacy-gate'
import { useQuery } from '@/hooks/use-query'
import { isApiError, messageOf } from '@/services/api'
import { listCount } from '@/utils/list-count'
import { routes } from '@/utils/routes'
import { PlaceSection } from '@/pages/report/components/place-section'
import { buildStationPayload, emptyStationForm, stationFormErrors, type StationForm } from './station-form'
import '../../../pages/report/index.scss'
import './index.scss'

type Registered = ActionOutput<'station.register'>
type StationView = ActionOutput<'station.list'>['items'][number]

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })

/** The station's secret, this once: copy it now, it is never shown again (the server keeps no copy). */
function SecretOnce({ registered, onDone }: { registered: Registered; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: registered.secret })
      setCopied(true)
    } catch {
      toast('复制失败，请长按密钥手动复制')
    }
  }
  return (
    <View className="bg-section bg-station-secret">
      <Text className="bg-section__title">{`${registered.station.name} 已登记`}</Text>
      <Text className="bg-section__note">{`站点编号：${registered.station.id} · ${registered.station.grid.label}`}</Text>
      <Text className="bg-station-secret__warning">
        站点密钥只显示这一次，离开或关闭后将无法再次查看。请立即复制，配置到监测设备中，用于签名上报数据。
      </Text>
      <Text className="bg-station-secret__value bg-station-secret-value" userSelect>
        {registered.secret}
      </Text>
      <Button
        className="bg-station-secret__copy bg-station-copy"
        type="primary"
        block
        onClick={() => void copy()}
      >
        {copied ? '已复制，可再次复制' : '复制密钥'}
      </Button>
      <Button className="bg-station-secret__done bg-station-secret-done" fill="none" block onClick={onDone}>
        我已保存密钥
      </Button>
    </View>
  )
}

/** The curve of a station's open episode (its monitoring case): when it opened, the peaks, the latest readings. */
function Episode({ caseId }: { caseId: string }) {
  const episode = useQuery('station.episode', { caseId })
  const data = episode.data
  if (!data)
    return (
      <StateView
        loading={episode.loading}
        error={episode.error}
        skeletonRows={1}
        onRetry={() => void episode.reload()}
      />
    )
  const latest = data.curve.slice(-6).reverse()
  return (
    <View className="bg-station-episode">
      <Text className="bg-station-card__line">
        {`超标开始 ${formatBeijingTime(data.openedAt)}${data.closedAt ? ` · 已于 ${formatBeijingTime(data.closedAt)} 恢复` : ' · 仍在超标'}`}
      </Text>
      <Text className="bg-station-card__line bg-station-peak">
        {`峰值 PM2.5 ${data.peak.pm25} · PM10 ${data.peak.pm10}（μg/m³），共 ${data.readingCount} 条读数`}
      </Text>
      {latest.map((point) => (
        <Text key={point.at} className="bg-station-episode__point">
          {`${formatBeijingTime(point.at)}  PM2.5 ${point.pm25}  PM10 ${point.pm10}`}
        </Text>
      ))}
      <Text
        className="bg-station-card__link"
        onClick={() => void Taro.navigateTo({ url: routes.handle(caseId) })}
      >
        查看该监测问题 ›
      </Text>
    </View>
  )
}

function StationCard({ station }: { station: StationView }) {
  const [open, setOpen] = useState(false)
  return (
    <View className={`bg-section bg-station-card bg-station-card-${station.id}`}>
      <View className="bg-station-card__head">
        <Text className="bg-station-card__name">{station.name}</Text>
        <Text className={station.caseId ? 'bg-station-tag bg-station-tag--over' : 'bg-station-tag'}>
          {station.caseId ? '超标中' : '正常'}
        </Text>
      </View>
      <Text className="bg-station-card__line">{`编号 ${station.id} · ${station.grid.name}`}</Text>
      {station.address ? <Text className="bg-station-card__line">{station.address}</Text> : null}
      <Text className="bg-station-card__line">
        {`登记于 ${formatBeijingTime(station.registeredAt)} · 密钥指纹 ${station.secretFingerprint}`}
      </Text>
      {station.caseId ? (
        <Text className="bg-station-card__link bg-station-episode-toggle" onClick={() => setOpen(!open)}>
          {open ? '收起监测曲线' : '查看本次超标的监测曲线 ›'}
        </Text>
      ) : null}
      {open && station.caseId ? <Episode caseId={station.caseId} /> : null}
    </View>
  )
}

/**
 * 在线监测站点, for the district office: register a station at its place (its grid is the one the place lies
 * in) and copy its signing secret, shown this once; the district's stations, and the readings of a station's
 * episode over the threshold while it lasts.
 */
export default function StationsPage() {
  const [form, setForm] = useState<StationForm>(emptyStationForm)
  const [registered, setRegistered] = useState<Registered | null>(null)
  const { errors, setErrors, clearErrors } = useFieldErrors()
  const register = useAction('station.register')
  const privacy = usePrivacyGate()
  const list = usePagedQuery('station.list', {}, { pageSize: 10 })
  const update = (patch: Partial<StationForm>) => setForm((current) => ({ ...current, ...patch }))

  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => {
    if (list.hasMore && !list.moreError) void list.loadMore()
  })

  const send = async () => {
    if (register.running) return
    const local = stationFormErrors(form)
    setErrors(local)
    if (Object.keys(local).length > 0) {
      toast('请按提示补全后再登记')
      return
    }
    try {
      const answer = await register.run(buildStationPayload(form))
      setRegistered(answer)
      setForm(emptyStationForm())
      void list.reload()
    } catch (error) {
      if (isApiError(error) && error.fields) setErrors(error.fields)
      toast(messageOf(error))
    }
  }

  return (
    <View className="bg-page bg-stations">
      {registered ? (
        <SecretOnce registered={registered} onDone={() => setRegistered(null)} />
      ) : (
        <View className="bg-stations__form">
          <View className="bg-section">
            <Text className="bg-section__title">登记监测站点</Text>
            <View className="bg-report__input-row">
              <Text className="bg-report__input-label">编号</Text>
              <Input
                className="bg-report__input bg-station-id-input"
                value={form.stationId}
                maxlength={40}
                placeholder="设备编号，如 gc-yingyue-01"
                onInput={(event) => {
                  update({ stationId: event.detail.value })
                  clearErrors('stationId')
                }}
              />
            </View>
            <FieldError field="stationId" message={errors.stationId} />
            <View className="bg-report__input-row">
              <Text className="bg-report__input-label">名称</Text>
              <Input
                className="bg-report__input bg-station-name-input"
                value={form.name}
                maxlength={40}
                placeholder="如 映月路监测点"
                onInput={(event) => {
                  update({ name: event.detail.value })
                  clearErrors('name')
                }}
              />
            </View>
            <FieldError field="name" message={errors.name} />
          </View>
          <PlaceSection
            title="站点位置"
            value={form}
            onChange={update}
            errors={errors}
            onFixed={clearErrors}
            gate={privacy.run}
          />
          <View className="bg-stations__footer">
            <Button
              className="bg-stations__submit"
              id="bg-station-submit"
              type="primary"
              block
              loading={register.running}
              disabled={register.running}
              onClick={() => void send()}
            >
              登记站点
            </Button>
            <Text className="bg-section__note">站点按位置归入所在网格；登记后显示一次设备签名密钥。</Text>
          </View>
        </View>
      )}

      <View className="bg-stations__bar">
        <Text className="bg-stations__total">
          {list.last ? `本区监测站点 · 共 ${listCount(list.total, list.items.length)} 个` : '本区监测站点'}
        </Text>
      </View>
      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : undefined}
        empty={!list.loading && !list.error && list.items.length === 0}
        emptyText="本区还没有登记监测站点"
        onRetry={() => void list.reload()}
      />
      {list.items.map((station) => (
        <StationCard key={station.id} station={station} />
      ))}
      {list.hasMore ? (
        <Button
          className="bg-load-more bg-stations__more"
          fill="none"
          block
          loading={list.loadingMore}
          onClick={() => void list.loadMore()}
        >
          {list.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : null}
      <PrivacySheet {...privacy.sheet} />
    </View>
  )
}
