import { Button, Image, Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActionOutput, StaffView } from '@/domain/contract'
import { gridLevelsFor, type InvitableRole } from '@/domain/people/onboarding'
import { districtUnitLabels, districtUnits, type DistrictUnit } from '@/domain/people/roles'
import { formatBeijingTime } from '@/domain/shared/time'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useQuery } from '@/hooks/use-query'
import { messageOf } from '@/services/api'
import { cx } from '@/utils/class-name'
import '../../styles/onboard.scss'
import { listCount } from '@/utils/list-count'

type GridRefView = ActionOutput<'invite.options'>['grids'][number]
const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })
const indexOf = (detail: { value: unknown }) => Number(detail.value)

/** Grids a role may be placed on, from the office's district. */
function gridsFor(grids: GridRefView[], role: string): GridRefView[] {
  const levels = gridLevelsFor(role as InvitableRole)
  return grids.filter((grid) => levels.includes(grid.level))
}

function InviteForm({
  options,
  onCreated,
}: {
  options: ActionOutput<'invite.options'>
  onCreated: () => void
}) {
  const [role, setRole] = useState<InvitableRole>('grid_member')
  const [gridId, setGridId] = useState('')
  const [unit, setUnit] = useState<DistrictUnit>('long_term_office')
  const [name, setName] = useState('')
  const [created, setCreated] = useState<ActionOutput<'invite.create'> | undefined>(undefined)
  const create = useAction('invite.create')
  const roles = options.roles
  const grids = gridsFor([options.district, ...options.grids], role)
  const grid = grids.find((item) => item.id === gridId)

  const submit = async () => {
    try {
      const result = await create.run({
        role,
        gridId,
        name,
        ...(role === 'district_office' ? { districtUnit: unit } : {}),
      })
      setCreated(result)
      onCreated()
    } catch (error) {
      toast(messageOf(error))
    }
  }

  return (
    <View className="bg-section bg-invite-form">
      <Text className="bg-section__title">邀请新成员</Text>
      <Picker
        mode="selector"
        range={roles.map((item) => item.label)}
        value={Math.max(
          0,
          roles.findIndex((item) => item.role === role),
        )}
        onChange={(event) => {
          const next = roles[indexOf(event.detail)]
          if (next) {
            setRole(next.role as InvitableRole)
            setGridId('')
          }
        }}
      >
        <View className="bg-onboard__picker">
          <Text>角色</Text>
          <Text className="bg-onboard__picker-value">
            {roles.find((item) => item.role === role)?.label ?? '请选择'} ›
          </Text>
        </View>
      </Picker>
      <Picker
        mode="selector"
        range={grids.map((item) => item.label)}
        value={Math.max(
          0,
          grids.findIndex((item) => item.id === gridId),
        )}
        onChange={(event) => setGridId(grids[indexOf(event.detail)]?.id ?? '')}
      >
        <View className="bg-onboard__picker">
          <Text>网格</Text>
          <Text className="bg-onboard__picker-value">{grid ? grid.label : '请选择'} ›</Text>
        </View>
      </Picker>
      {role === 'district_office' ? (
        <Picker
          mode="selector"
          range={districtUnits.map((item) => districtUnitLabels[item])}
          value={districtUnits.indexOf(unit)}
          onChange={(event) => setUnit(districtUnits[indexOf(event.detail)] ?? unit)}
        >
          <View className="bg-onboard__picker">
            <Text>所属办公室</Text>
            <Text className="bg-onboard__picker-value">{districtUnitLabels[unit]} ›</Text>
          </View>
        </Picker>
      ) : null}
      <Input
        className="bg-onboard__input"
        value={name}
        maxlength={20}
        placeholder="受邀人称呼（选填）"
        onInput={(event) => setName(event.detail.value)}
      />
      <Text className="bg-section__note">{`邀请码一次有效，${options.validDays}天后过期。`}</Text>
      <Button
        className={cx(
          'bg-button bg-button--primary bg-join__action bg-create-invite',
          (!gridId || create.running) && 'bg-button--disabled',
        )}
        loading={create.running}
        disabled={!gridId || create.running}
        onClick={() => void submit()}
      >
        生成邀请码
      </Button>
      {created ? (
        <View className="bg-invite-created">
          <Text className="bg-onboard__code">{created.code}</Text>
          <Text className="bg-onboard__path">{`小程序页面：${created.path}`}</Text>
          <Image className="bg-invite-qr" src={created.qr} mode="aspectFit" showMenuByLongpress />
          <Text className="bg-section__note">
            受邀人用微信扫码即可打开加入页面；可截图或长按保存后打印张贴。
          </Text>
          <Text className="bg-section__note">
            {`请现在发给受邀人或生成二维码：邀请码只显示这一次。有效期至 ${formatBeijingTime(created.invite.expiresAt)}。`}
          </Text>
          <Button
            className="bg-button bg-button--ghost bg-button--small bg-join__action"
            onClick={() => void Taro.setClipboardData({ data: created.code })}
          >
            复制邀请码
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function StaffRow({
  person,
  grids,
  onChanged,
}: {
  person: StaffView
  grids: GridRefView[]
  onChanged: () => void
}) {
  const revoke = useAction('staff.revokeRole')
  const move = useAction('staff.move')
  const targets = gridsFor(grids, person.role)

  const onRevoke = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤销角色',
      content: `撤销后${person.nickname}将成为普通市民，不再负责任何网格。`,
      confirmText: '撤销',
    })
    if (!confirm) return
    try {
      await revoke.run({ openid: person.openid })
      toast('已撤销')
      onChanged()
    } catch (error) {
      toast(messageOf(error))
    }
  }

  const onMove = async (target: GridRefView | undefined) => {
    if (!target) return
    try {
      const result = await move.run({ openid: person.openid, gridId: target.id })
      toast(result.changed ? `已调整到${target.name}` : '已在该网格')
      onChanged()
    } catch (error) {
      toast(messageOf(error))
    }
  }

  return (
    <View className="bg-onboard__item bg-staff-row">
      <Text className="bg-onboard__who">{`${person.nickname} · ${person.roleLabel}`}</Text>
      <Text className="bg-onboard__meta">
        {person.grids.map((grid) => grid.label || grid.name).join('；') || '未分配网格'}
      </Text>
      <View className="bg-onboard__actions">
        {targets.length > 0 ? (
          <Picker
            mode="selector"
            range={targets.map((item) => item.label)}
            onChange={(event) => void onMove(targets[indexOf(event.detail)])}
          >
            <Button className="bg-button bg-button--ghost bg-button--small bg-onboard__small">
              调整网格
            </Button>
          </Picker>
        ) : null}
        <Button
          className="bg-button bg-button--ghost bg-button--small bg-revoke-role"
          disabled={revoke.running}
          onClick={() => void onRevoke()}
        >
          撤销角色
        </Button>
      </View>
    </View>
  )
}

/**
 * The district office's people page: invite someone into a grid of the district (role, grid, the one-time
 * code and its page path for a QR code), the invites and who joined, and the staff with revoke and move.
 */
export default function StaffAdminPage() {
  const options = useQuery('invite.options', {})
  const invites = usePagedQuery('invite.list', {}, { pageSize: 10 })
  const staff = usePagedQuery('staff.list', {}, { pageSize: 20 })
  const revokeInvite = useAction('invite.revoke')
  const grids = options.data ? [options.data.district, ...options.data.grids] : []

  const onRevokeInvite = async (id: string) => {
    try {
      await revokeInvite.run({ inviteId: id })
      toast('邀请已撤销')
      void invites.reload()
    } catch (error) {
      toast(messageOf(error))
    }
  }

  if (!options.data) {
    return (
      <View className="bg-page">
        <StateView loading={options.loading} error={options.error} onRetry={() => void options.reload()} />
      </View>
    )
  }

  return (
    <View className="bg-page bg-staff-admin">
      <InviteForm options={options.data} onCreated={() => void invites.reload()} />

      <View className="bg-section bg-invite-list">
        <Text className="bg-section__title">{`邀请记录（${listCount(invites.total, invites.items.length)}）`}</Text>
        <StateView
          loading={invites.loading && invites.items.length === 0}
          error={invites.items.length ? undefined : invites.error}
          empty={!invites.loading && invites.items.length === 0}
          emptyText="还没有邀请"
          onRetry={() => void invites.reload()}
        />
        {invites.items.map((invite) => (
          <View key={invite.id} className="bg-onboard__item">
            <Text className="bg-onboard__who">
              {`${invite.name || '未填称呼'} · ${invite.roleLabel} · ${invite.stateLabel}`}
            </Text>
            <Text className="bg-onboard__meta">
              {invite.usedBy
                ? `${invite.grid.label}；${invite.usedBy.nickname} 于 ${formatBeijingTime(invite.usedAt ?? '')} 加入`
                : `${invite.grid.label}；有效期至 ${formatBeijingTime(invite.expiresAt)}`}
            </Text>
            {invite.state === 'open' ? (
              <Button
                className="bg-button bg-button--ghost bg-button--small bg-revoke-invite"
                onClick={() => void onRevokeInvite(invite.id)}
              >
                撤销邀请
              </Button>
            ) : null}
          </View>
        ))}
        {invites.hasMore ? (
          <Button
            className="bg-button bg-button--ghost bg-join__action"
            onClick={() => void invites.loadMore()}
          >
            加载更多
          </Button>
        ) : null}
      </View>

      <View className="bg-section bg-staff-list">
        <Text className="bg-section__title">{`本区人员（${listCount(staff.total, staff.items.length)}）`}</Text>
        <StateView
          loading={staff.loading && staff.items.length === 0}
          error={staff.items.length ? undefined : staff.error}
          empty={!staff.loading && staff.items.length === 0}
          emptyText="还没有工作人员"
          onRetry={() => void staff.reload()}
        />
        {staff.items.map((person) => (
          <StaffRow key={person.id} person={person} grids={grids} onChanged={() => void staff.reload()} />
        ))}
        {staff.hasMore ? (
          <Button
            className="bg-button bg-button--ghost bg-join__action"
            onClick={() => void staff.loadMore()}
          >
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  )
}
