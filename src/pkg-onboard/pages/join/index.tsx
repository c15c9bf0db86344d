import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionOutput } from '@/domain/contract'
import { districtUnitLabels, isStaff } from '@/domain/people/roles'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { useDevSession } from '@/hooks/use-dev-session'
import { useQuery } from '@/hooks/use-query'
import { formatBeijingTime } from '@/domain/shared/time'
import { messageOf } from '@/services/api'
import { cx } from '@/utils/class-name'
import { decodedParam, routes } from '@/utils/routes'
import { joinCodeOf } from '@/domain/people/onboarding'
import '../../styles/onboard.scss'

type Joined = ActionOutput<'invite.redeem'>

/**
 * Where an invite's QR code leads: what role and grid the invite is for, and one button to accept. Who
 * accepts is whoever opened it (the server takes the caller from WeChat, never from the page).
 */
export default function JoinPage() {
  const { params } = useRouter()
  const [typed, setTyped] = useState('')
  const code = joinCodeOf(params, decodedParam) || typed
  const dev = useDevSession()
  // In the emulator's browser app nobody is signed in until the dev login says so: offer a new person.
  const signedIn = !dev.supported || Boolean(dev.account)
  const preview = useQuery('invite.preview', { code }, { enabled: Boolean(code) && signedIn && !dev.loading })
  const redeem = useAction('invite.redeem')
  const [joined, setJoined] = useState<Joined | undefined>(undefined)
  const [draft, setDraft] = useState('')

  if (dev.supported && !dev.loading && !dev.account) {
    return (
      <View className="bg-page bg-join">
        <View className="bg-section">
          <Text className="bg-section__title">请先登录</Text>
          <Text className="bg-section__note">本地模拟环境：以一个新的微信用户身份登录后接受邀请。</Text>
          <Button
            className="bg-button bg-button--primary bg-join__action bg-join-dev-login"
            onClick={() => void dev.login(`dev-${Date.now().toString(36)}`)}
          >
            以新用户身份登录
          </Button>
        </View>
      </View>
    )
  }

  if (!code) {
    return (
      <View className="bg-page bg-join">
        <View className="bg-section">
          <Text className="bg-section__title">输入邀请码</Text>
          <Text className="bg-section__note">请扫描区级办公室提供的二维码，或输入10位邀请码。</Text>
          <Input
            className="bg-onboard__input bg-join-code"
            value={draft}
            maxlength={14}
            placeholder="例如 ABCD-EFGH-JK"
            onInput={(event) => setDraft(event.detail.value)}
          />
          <Button
            className="bg-button bg-button--primary bg-join__action"
            onClick={() => setTyped(draft.trim())}
          >
            查看邀请
          </Button>
        </View>
      </View>
    )
  }

  const accept = async () => {
    try {
      const result = await redeem.run({ code })
      setJoined(result)
      void Taro.showToast({ title: '已加入', icon: 'success' })
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none', duration: 3000 })
      void preview.reload()
    }
  }

  if (joined) {
    const { me } = joined
    return (
      <View className="bg-page bg-join">
        <View className="bg-section bg-join__done">
          <Text className="bg-section__title">{`欢迎加入，${me.nickname}`}</Text>
          <Text className="bg-join__line">{`角色：${me.roleLabel}`}</Text>
          {me.grids.map((grid) => (
            <Text key={grid.id} className="bg-join__line">{`网格：${grid.label || grid.name}`}</Text>
          ))}
          <Button
            className="bg-button bg-button--primary bg-join__action"
            onClick={() =>
              void (isStaff(me.role)
                ? Taro.navigateTo({ url: routes.board })
                : Taro.switchTab({ url: routes.home }))
            }
          >
            {isStaff(me.role) ? '进入网格工作台' : '返回首页'}
          </Button>
        </View>
      </View>
    )
  }

  const invite = preview.data
  const open = invite?.state === 'open'
  return (
    <View className="bg-page bg-join">
      <StateView
        loading={preview.loading && !invite}
        error={preview.error}
        onRetry={() => void preview.reload()}
      />
      {invite ? (
        <View className="bg-section bg-join__invite">
          <Text className="bg-section__title">您被邀请加入网格工作</Text>
          <Text className="bg-join__line bg-join-role">
            {`角色：${invite.roleLabel}${invite.districtUnit ? ` · ${districtUnitLabels[invite.districtUnit]}` : ''}`}
          </Text>
          <Text className="bg-join__line bg-join-grid">{`网格：${invite.grid.label}`}</Text>
          {invite.name ? <Text className="bg-join__line">{`受邀人：${invite.name}`}</Text> : null}
          <Text className="bg-join__line">{`有效期至：${formatBeijingTime(invite.expiresAt)}`}</Text>
          <Text className={cx('bg-join__state', `bg-join__state--${invite.state}`)}>
            {invite.mine ? '您已接受此邀请' : invite.stateLabel}
          </Text>
          <Text className="bg-section__note">
            接受后，您的账号将成为该网格的工作人员，可在网格工作台认领和处理问题。
          </Text>
          <Button
            className={cx(
              'bg-button bg-button--primary bg-join__action bg-join-accept',
              (!open || redeem.running) && 'bg-button--disabled',
            )}
            loading={redeem.running}
            disabled={!open || redeem.running}
            onClick={() => void accept()}
          >
            接受邀请
          </Button>
        </View>
      ) : null}
    </View>
  )
}
