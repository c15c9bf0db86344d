import type { FileStorage } from './files'

type CloudBaseApp = ReturnType<(typeof import('@cloudbase/node-sdk'))['init']>

/** getTempFileURL takes at most 50 files a call. */
const urlsPerCall = 50

/** Storage in CloudBase, through node-sdk (functions are exempt from the storage rule). */
export function cloudFiles(app: CloudBaseApp): FileStorage {
  const temporaryUrls = async (fileIDs: readonly string[], maxAgeSeconds: number) => {
    const urls = new Map<string, string>()
    const unique = [...new Set(fileIDs)]
    for (let start = 0; start < unique.length; start += urlsPerCall) {
      const fileList = unique
        .slice(start, start + urlsPerCall)
        .map((fileID) => ({ fileID, maxAge: maxAgeSeconds }))
      const answer = await app.getTempFileURL({ fileList })
      for (const item of answer.fileList ?? []) {
        if (item.code === 'SUCCESS' && item.tempFileURL) urls.set(item.fileID, item.tempFileURL)
      }
    }
    return urls
  }
  return {
    temporaryUrls,
    async download(fileID, maxBytes) {
      // Through a short-lived URL, as node-sdk's own downloadFile does, so that a missing file is a code
      // (STORAGE_FILE_NONEXIST) rather than an error, and the size is known before the body is read.
      const url = (await temporaryUrls([fileID], 600)).get(fileID)
      if (!url) return null
      const response = await fetch(encodeURI(url))
      if (response.status === 404) return null
      if (!response.ok) throw new Error(`storage download failed: HTTP ${response.status}`)
      if (Number(response.headers.get('content-length') ?? 0) > maxBytes) return null
      const content = Buffer.from(await response.arrayBuffer())
      return content.length > maxBytes ? null : content
    },
    async upload(cloudPath, content) {
      const { fileID } = await app.uploadFile({ cloudPath, fileContent: content })
      return fileID
    },
  }
}
