import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { Bulletin, SupervisionFilter } from '@/domain/contract'
import { supervisionFilterLabels, supervisionFilters } from '@/domain/supervision/inputs'
import { formatBeijingTime } from '@/domain/shared/time'
import { CaseCard } from '@/components/case-card'
import { Button } from '@/components/nut/button'
import { Tabs } from '@/components/nut/tabs'
import { StateView } from '@/components/state-view'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useQuery } from '@/hooks/use-query'
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show'
import { photoUrl } from '@/services/api'
import { routes } from '@/utils/routes'
import { listCount } from '@/utils/list-count'
import { NoteDialog, type NoteTarget } from './note-dialog'
import './index.scss'

const emptyText: Record<SupervisionFilter, string> = {
  overdue: '辖区内没有超期未办结的问题',
  red: '辖区内没有红牌问题',
  flagged: '辖区内没有挂牌督办的问题',
}

/** NutUI renders a pane's title as a child node; a node carries the hook class of each filter. */
const asTitle = (node: ReactNode) => node as unknown as string

function BulletinCard({ bulletin, onNote }: { bulletin: Bulletin; onNote: () => void }) {
  const { figures } = bulletin
  return (
    <View className={`bg-section bg-bulletin bg-bulletin-${bulletin.streetId}`}>
      <Text className="bg-bulletin__street">{bulletin.street.name}</Text>
      <Text className="bg-bulletin__figures">
        {`受理 ${figures.received} · 结案 ${figures.closed} · 超期 ${figures.overdue} · 上报 ${figures.escalations} · 黄牌 ${figures.yellowCards} · 红牌 ${figures.redCards}`}
      </Text>
      {bulletin.flagged.map((flag) => (
        <Text
          key={flag.caseId}
          className="bg-bulletin__line bg-bulletin__flag"
          onClick={() => void Taro.navigateTo({ url: routes.handle(flag.caseId) })}
        >
          {`挂牌督办 ${flag.caseNo}：${flag.note} ›`}
        </Text>
      ))}
      {bulletin.notes.map((note) => (
        <Text key={note.id} className="bg-bulletin__line bg-bulletin__note">
          {`${note.kindLabel}（${note.grid.name}）：${note.note}`}
        </Text>
      ))}
      {bulletin.flagged.length === 0 && bulletin.notes.length === 0 ? (
        <Text className="bg-bulletin__line">当日无督办事项</Text>
      ) : null}
      <Text className="bg-bulletin__note-link bg-note-open" onClick={onNote}>
        记一笔（约谈、通报、督促） ›
      </Text>
    </View>
  )
}

/**
 * The 督查室's desk: the district's overdue, red-carded and flagged open cases (most urgent first), each
 * opening the case to act on (flag, unflag), and yesterday's daily bulletins of the streets.
 */
export default function SupervisionPage() {
  const [filter, setFilter] = useState<SupervisionFilter>('overdue')
  const list = usePagedQuery('supervision.list', { filter }, { pageSize: 10 })
  const bulletins = useQuery('supervision.bulletin', {})
  const [noteTarget, setNoteTarget] = useState<NoteTarget | null>(null)

  useRefreshOnShow(() => void list.reload())
  usePullDownRefresh(() => {
    void Promise.all([list.reload(), bulletins.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (list.hasMore && !list.moreError) void list.loadMore()
  })

  const now = new Date()
  return (
    <View className="bg-page bg-supervision">
      <Tabs
        className="bg-supervision__tabs"
        value={filter}
        activeType="line"
        onChange={(value) => setFilter(String(value) as SupervisionFilter)}
      >
        {supervisionFilters.map((value) => (
          <Tabs.TabPane
            key={value}
            value={value}
            title={asTitle(
              <Text className={`bg-supervision__tab bg-supervision-filter-${value}`}>
                {supervisionFilterLabels[value]}
              </Text>,
            )}
          />
        ))}
      </Tabs>
      {list.last ? (
        <Text className="bg-supervision__total">
          {`${list.last.grid.name} · ${supervisionFilterLabels[filter]}：共 ${listCount(list.total, list.items.length)} 条`}
        </Text>
      ) : null}

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : undefined}
        empty={!list.loading && !list.error && list.items.length === 0}
        emptyText={emptyText[filter]}
        onRetry={() => void list.reload()}
      />
      {list.items.map((item) => (
        <View key={item.id} className="bg-supervision__item">
          <CaseCard
            item={item}
            showGrid
            thumbUrl={item.photos[0] ? photoUrl(item.photos[0]) : undefined}
            waitingSince={now}
            onOpen={() => void Taro.navigateTo({ url: routes.handle(item.id) })}
          />
          <Text
            className="bg-supervision__note-link bg-note-open"
            onClick={() =>
              setNoteTarget({
                gridId: item.grid.id,
                gridName: item.grid.name,
                caseId: item.id,
                caseNo: item.caseNo,
              })
            }
          >
            {`记入${item.grid.name}的督查记录 ›`}
          </Text>
        </View>
      ))}
      {list.hasMore ? (
        <Button
          className="bg-load-more bg-supervision__more"
          fill="none"
          block
          loading={list.loadingMore}
          onClick={() => void list.loadMore()}
        >
          {list.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : null}

      <View className="bg-supervision__bulletins">
        <Text className="bg-supervision__heading">
          {bulletins.data ? `日督查通报 · ${bulletins.data.day}` : '日督查通报'}
        </Text>
        {bulletins.data && bulletins.data.bulletins.length === 0 ? (
          <Text className="bg-supervision__hint">通报在每天凌晨生成，暂无该日通报</Text>
        ) : null}
        {bulletins.error ? <Text className="bg-supervision__hint">{bulletins.error.message}</Text> : null}
        {bulletins.data?.bulletins.map((bulletin) => (
          <BulletinCard
            key={bulletin.streetId}
            bulletin={bulletin}
            onNote={() => setNoteTarget({ gridId: bulletin.streetId, gridName: bulletin.street.name })}
          />
        ))}
        {bulletins.data?.bulletins[0] ? (
          <Text className="bg-supervision__hint">
            {`生成于 ${formatBeijingTime(bulletins.data.bulletins[0].generatedAt)}`}
          </Text>
        ) : null}
      </View>
      <NoteDialog
        target={noteTarget}
        onClose={() => setNoteTarget(null)}
        onSaved={() => void bulletins.reload()}
      />
    </View>
  )
}
