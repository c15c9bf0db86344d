import Taro from '@tarojs/taro'
import { businessDayKey } from '@/domain/shared/time'
import type { ProgressListener } from './types'

export function initCloud(): void {
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || 'bluegrid-local', traceUser: true })
}

export async function callFunction(name: string, data: unknown): Promise<unknown> {
  const response = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
  return response.result
}

function cloudPathFor(now: Date): string {
  const random = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  return `reports/${businessDayKey(now)}/${random}.jpg`
}

export function uploadPhoto(localPath: string, onProgress?: ProgressListener): Promise<string> {
  return new Promise((resolve, reject) => {
    // The callback form returns the UploadTask, which reports progress; the promise form does not.
    const task = Taro.cloud.uploadFile({
      cloudPath: cloudPathFor(new Date()),
      filePath: localPath,
      success: (result) => resolve(result.fileID),
      fail: (error) => reject(new Error(error.errMsg || 'uploadFile:fail')),
    }) as Taro.UploadTask | undefined
    if (onProgress && task && typeof task.onProgressUpdate === 'function') {
      task.onProgressUpdate((update) => onProgress(update.progress))
    }
  })
}

/** WeChat's Image component loads cloud:// fileIDs directly. */
export function photoUrl(fileID: string): string {
  return fileID
}
