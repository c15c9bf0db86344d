import Taro from '@tarojs/taro'
import type { PickedSheet } from './types'

const isCancel = (error: unknown) => /cancel/i.test((error as { errMsg?: string } | null)?.errMsg ?? '')

/** A mini-program has no disk: the file comes from a chat (wx.chooseMessageFile), then is read as base64. */
export async function chooseSpreadsheet(): Promise<PickedSheet | null> {
  try {
    const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
    const file = picked.tempFiles[0]
    if (!file) return null
    const base64 = Taro.getFileSystemManager().readFileSync(file.path, 'base64') as string
    return { name: file.name, base64 }
  } catch (error) {
    if (isCancel(error)) return null
    throw error
  }
}
