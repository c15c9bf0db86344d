import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { districtUnitLabels, isStaff } from '@/domain/people/roles'
import { Cell } from '@/components/nut/cell'
import { CellGroup } from '@/components/nut/cell-group'
import { StateView } from '@/components/state-view'
import { useDevSession, type DevSessionState } from '@/hooks/use-dev-session'
import { useQuery } from '@/hooks/use-query'
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show'
import { cx, hookSafe } from '@/utils/class-name'
import { routes } from '@/utils/routes'
import './index.scss'

/** Who walks patrol rounds (the points rules' patrol roles). */
const patrolRoles: readonly string[] = ['volunteer', 'grid_member', 'grid_leader', 'sunk_staff']

function DevAccounts({ dev, onSwitched }: { dev: DevSessionState; onSwitched: () => void }) {
  const current = dev.account?.openid
  return (
    <View className="bg-section bg-dev">
      <Text className="bg-section__title">{current ? '切换演示账号' : '选择演示账号登录'}</Text>
      <Text className="bg-section__note">
        本地模拟环境专用：选择一个身份体验市民、网格员和各级办公室的操作。
      </Text>
      {dev.error ? <Text className="bg-dev__error">{dev.error}</Text> : null}
      {dev.accounts.map((account) => (
        <View
          key={account.openid}
          className={cx('bg-dev__account', account.openid === current && 'bg-dev__account--current')}
        >
          <View className="bg-dev__who">
            <Text className="bg-dev__name">{`${account.nickname} · ${account.roleLabel}`}</Text>
            <Text className="bg-dev__desc">{account.description}</Text>
          </View>
          {account.openid === current ? (
            <Text className="bg-dev__current">当前</Text>
          ) : (
            <Button
              className={cx(
                'bg-button bg-button--ghost bg-button--small',
                `bg-login-${hookSafe(account.openid)}`,
                dev.switching !== undefined && 'bg-button--disabled',
              )}
              id={`bg-login-${hookSafe(account.openid)}`}
              loading={dev.switching === account.openid}
              disabled={dev.switching !== undefined}
              onClick={() => {
                void dev.login(account.openid).then((ok) => {
                  if (!ok) return
                  Taro.showToast({ title: `已切换为${account.nickname}`, icon: 'none' })
                  onSwitched()
                })
              }}
            >
              {current ? '切换' : '登录'}
            </Button>
          )}
        </View>
      ))}
      {current ? (
        <Button
          className="bg-button bg-button--ghost bg-dev__logout bg-logout"
          onClick={() => {
            void dev.logout().then((ok) => {
              if (ok) Taro.showToast({ title: '已退出', icon: 'none' })
            })
          }}
        >
          退出登录
        </Button>
      ) : null}
    </View>
  )
}

export default function MePage() {
  const dev = useDevSession()
  // On H5 the session decides who "me" is; wait for it before asking.
  const signedIn = !dev.supported || Boolean(dev.account)
  const me = useQuery('me.get', {}, { enabled: signedIn && !dev.loading })

  useRefreshOnShow(() => {
    if (dev.supported) void dev.reload()
    if (signedIn) void me.reload()
  })

  const devSection = dev.supported ? <DevAccounts dev={dev} onSwitched={() => void me.reload()} /> : null

  if (dev.supported && dev.loading && !dev.account) {
    return (
      <View className="bg-page">
        <StateView loading />
      </View>
    )
  }

  // Not signed in on H5: choosing an account is the first thing shown.
  if (dev.supported && !dev.account) {
    return (
      <View className="bg-page bg-me">
        {devSection}
        {dev.error ? <StateView error={{ message: dev.error }} onRetry={() => void dev.reload()} /> : null}
      </View>
    )
  }

  const data = me.data
  return (
    <View className="bg-page bg-me">
      {data ? (
        <View className="bg-section bg-me__card">
          <Text className="bg-me__nickname bg-me-nickname">{data.nickname}</Text>
          <Text className="bg-me__role bg-me-role">
            {data.districtUnit
              ? `${data.roleLabel} · ${districtUnitLabels[data.districtUnit]}`
              : data.roleLabel}
          </Text>
          <View className="bg-me__points">
            <Text className="bg-me__points-label">积分</Text>
            <Text className="bg-me__points-value bg-points">{data.points}</Text>
          </View>
        </View>
      ) : (
        <StateView loading={me.loading} error={me.error} onRetry={() => void me.reload()} />
      )}

      {data ? (
        <View className="bg-section">
          <Text className="bg-section__title">{isStaff(data.role) ? '负责网格' : '所在网格'}</Text>
          {data.grids.length ? (
            data.grids.map((grid) => (
              <Text key={grid.id} className="bg-me__grid">
                {grid.label || grid.name}
              </Text>
            ))
          ) : (
            <Text className="bg-section__note">未登记网格</Text>
          )}
        </View>
      ) : null}

      {data && isStaff(data.role) ? (
        <View
          className="bg-section bg-me__board bg-board-entry"
          onClick={() => Taro.navigateTo({ url: routes.board })}
        >
          <Text className="bg-me__board-title">网格工作台 ›</Text>
        </View>
      ) : null}

      {data ? (
        <CellGroup className="bg-me__links">
          <Cell
            className="bg-me__link bg-my-cases-entry"
            title="我的举报"
            extra="›"
            onClick={() => void Taro.navigateTo({ url: routes.myCases })}
          />
          <Cell
            className="bg-me__link bg-messages-entry"
            title="消息通知"
            extra="›"
            onClick={() => void Taro.navigateTo({ url: routes.messages })}
          />
          <Cell
            className="bg-me__link bg-points-entry"
            title="我的积分"
            extra={`${data.points} 分 ›`}
            onClick={() => void Taro.navigateTo({ url: routes.points })}
          />
          <Cell
            className="bg-me__link bg-leaderboard-entry"
            title="排行榜"
            extra="›"
            onClick={() => void Taro.navigateTo({ url: routes.leaderboard })}
          />
          <Cell
            className="bg-me__link bg-honors-entry"
            title="荣誉榜"
            extra="›"
            onClick={() => void Taro.navigateTo({ url: routes.honors })}
          />
          {data.role === 'district_office' ? (
            <Cell
              className="bg-me__link bg-award-review-entry"
              title="评选审核"
              extra="›"
              onClick={() => void Taro.navigateTo({ url: routes.awardReview })}
            />
          ) : null}
          {patrolRoles.includes(data.role) ? (
            <Cell
              className="bg-me__link bg-patrol-entry"
              title="巡查"
              extra="›"
              onClick={() => void Taro.navigateTo({ url: routes.patrol })}
            />
          ) : null}
          {data.role === 'district_office' ? (
            <Cell
              className="bg-me__link bg-hotline-entry"
              title="来电登记（12369）"
              extra="›"
              onClick={() => void Taro.navigateTo({ url: routes.hotline })}
            />
          ) : null}
          {data.role === 'district_office' ? (
            <Cell
              className="bg-me__link bg-staff-admin-entry"
              title="人员与邀请"
              extra="›"
              onClick={() => void Taro.navigateTo({ url: routes.staffAdmin })}
            />
          ) : null}
          {data.role === 'district_office' || data.role === 'supervisor' ? (
            <Cell
              className="bg-me__link bg-supervision-entry"
              title="督查督办"
              extra="›"
              onClick={() => void Taro.navigateTo({ url: routes.supervision })}
            />
          ) : null}
          {isStaff(data.role) ? (
            <Cell
              className="bg-me__link bg-sites-entry"
              title="污染源档案（一企一档）"
              extra="›"
              onClick={() => void Taro.navigateTo({ url: routes.sites })}
            />
          ) : null}
          {isStaff(data.role) ? (
            <Cell
              className="bg-me__link bg-assessment-entry"
              title="月度考核"
              extra="›"
              onClick={() => void Taro.navigateTo({ url: routes.assessment })}
            />
          ) : null}
          {isStaff(data.role) ? (
            <Cell
              className="bg-me__link bg-overdue-entry"
              title="我的逾期问题"
              extra="›"
              onClick={() => void Taro.navigateTo({ url: routes.boardFiltered('overdue') })}
            />
          ) : null}
          <Cell
            className="bg-me__link bg-privacy-entry"
            title="隐私说明"
            extra="›"
            onClick={() => void Taro.navigateTo({ url: routes.privacy })}
          />
        </CellGroup>
      ) : null}

      {devSection}
    </View>
  )
}
