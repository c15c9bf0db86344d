import { useCallback, useEffect, useRef, useState } from 'react'
import { devAccounts, devLogin, devLogout, devSession, supportsDevLogin } from '@/platform/dev-login'
import type { DevAccount, DevSession } from '@/platform/types'

export interface DevSessionState {
  /** False on weapp: everything else is then inert. */
  supported: boolean
  account: DevSession['account']
  accounts: DevAccount[]
  loading: boolean
  error: string | undefined
  /** Who is being switched to, while the switch runs. */
  switching: string | undefined
  reload: () => Promise<void>
  login: (openid: string) => Promise<boolean>
  logout: () => Promise<boolean>
}

/** The emulator's demo accounts and who is signed in (H5 only). */
export function useDevSession(): DevSessionState {
  const [account, setAccount] = useState<DevSession['account']>(null)
  const [accounts, setAccounts] = useState<DevAccount[]>([])
  const [loading, setLoading] = useState(supportsDevLogin)
  const [error, setError] = useState<string | undefined>(undefined)
  const [switching, setSwitching] = useState<string | undefined>(undefined)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const reload = useCallback(async () => {
    if (!supportsDevLogin) return
    setLoading(true)
    setError(undefined)
    try {
      const [session, list] = await Promise.all([devSession(), devAccounts()])
      if (!mounted.current) return
      setAccount(session.account)
      setAccounts(list)
    } catch {
      if (mounted.current) setError('无法连接本地模拟服务，请确认它已启动')
    } finally {
      if (mounted.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  const login = useCallback(
    async (openid: string) => {
      setSwitching(openid)
      try {
        await devLogin(openid)
        await reload()
        return true
      } catch {
        if (mounted.current) setError('切换账号失败，请重试')
        return false
      } finally {
        if (mounted.current) setSwitching(undefined)
      }
    },
    [reload],
  )

  const logout = useCallback(async () => {
    try {
      await devLogout()
      await reload()
      return true
    } catch {
      if (mounted.current) setError('退出失败，请重试')
      return false
    }
  }, [reload])

  return { supported: supportsDevLogin, account, accounts, loading, error, switching, reload, login, logout }
}
