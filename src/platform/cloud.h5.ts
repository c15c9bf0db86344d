import type { ProgressListener, UploadTarget } from './types'

// The emulator serves the H5 build, so every endpoint is same-origin and relative.

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new Error(`HTTP ${response.status}: not JSON`)
  }
}

export function initCloud(): void {
  // Nothing to set up: Taro.cloud does not exist on H5; the emulator stands in for the cloud over HTTP.
}

/** Resolves with the function's JSON answer (an envelope, whatever the HTTP status); rejects on transport failure. */
export async function callFunction(name: string, data: unknown): Promise<unknown> {
  const response = await fetch(`/fn/${encodeURIComponent(name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data ?? {}),
  })
  return readJson(response)
}

function errorMessageOf(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown } } | null)?.error
  return typeof error?.message === 'string' ? error.message : undefined
}

/** The emulator files the upload in the signed-in caller's own folder itself, so `target` is not sent. */
export async function uploadPhoto(
  localPath: string,
  _target: UploadTarget,
  onProgress?: ProgressListener,
): Promise<string> {
  const blob = await (await fetch(localPath)).blob()
  const contentType = blob.type && blob.type.startsWith('image/') ? blob.type : 'image/jpeg'
  const extension = contentType === 'image/png' ? 'png' : contentType === 'image/webp' ? 'webp' : 'jpg'
  const name = `photo-${Date.now().toString(36)}.${extension}`
  // XMLHttpRequest rather than fetch: only it reports upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/storage/upload?name=${encodeURIComponent(name)}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('content-type', contentType)
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0)
          onProgress(Math.round((event.loaded / event.total) * 100))
      }
    }
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        // handled below
      }
      const fileID = (body as { fileID?: unknown } | null)?.fileID
      if (xhr.status >= 200 && xhr.status < 300 && typeof fileID === 'string') {
        onProgress?.(100)
        resolve(fileID)
      } else {
        reject(new Error(errorMessageOf(body) ?? `上传失败（HTTP ${xhr.status}）`))
      }
    }
    xhr.onerror = () => reject(new Error('网络异常，照片上传失败'))
    xhr.onabort = () => reject(new Error('照片上传已取消'))
    xhr.send(blob)
  })
}

/** The emulator serves a caller their own uploads by fileID, with the session's cookie. */
export function photoUrl(fileID: string): string {
  return `/storage/file?fileID=${encodeURIComponent(fileID)}`
}
