import Taro from '@tarojs/taro'
import { businessDayKey } from '@/domain/shared/time'
import type { ProgressListener, UploadTarget } from './types'

export function initCloud(): void {
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || 'bluegrid-local', traceUser: true })
}

export async function callFunction(name: string, data: unknown): Promise<unknown> {
  const response = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> })
  return response.result
}

/** In the caller's own folder, which is where the server takes registered photos from. */
function cloudPathFor(target: UploadTarget, now: Date): string {
  const random = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  return `${target.prefix}${businessDayKey(now)}/${random}.jpg`
}

export function uploadPhoto(
  localPath: string,
  target: UploadTarget,
  onProgress?: ProgressListener,
): Promise<string> {
  return new Promise((resolve, reject) => {
    // The callback form returns the UploadTask, which reports progress; the promise form does not.
    const task = Taro.cloud.uploadFile({
      cloudPath: cloudPathFor(target, new Date()),
      filePath: localPath,
      success: (result) => resolve(result.fileID),
      fail: (error) => reject(new Error(error.errMsg || 'uploadFile:fail')),
    }) as Taro.UploadTask | undefined
    if (onProgress && task && typeof task.onProgressUpdate === 'function') {
      task.onProgressUpdate((update) => onProgress(update.progress))
    }
  })
}

/** WeChat's Image component loads cloud:// fileIDs directly (the storage rule lets the uploader read theirs). */
export function photoUrl(fileID: string): string {
  return fileID
}
