import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { cloudFiles } from '../../../cloudfunctions/shared/runtime/cloud-files'

type App = Parameters<typeof cloudFiles>[0]

/** node-sdk's storage calls as CloudBase answers them, over files served by a local HTTP server. */
function fakeApp(baseUrl: () => string, files: Map<string, Buffer>) {
  const requests: { fileID: string; maxAge: number }[][] = []
  const app = {
    async getTempFileURL({ fileList }: { fileList: { fileID: string; maxAge: number }[] }) {
      requests.push(fileList)
      return {
        fileList: fileList.map(({ fileID }) =>
          files.has(fileID)
            ? {
                fileID,
                code: 'SUCCESS',
                tempFileURL: `${baseUrl()}/${fileID.slice('cloud://'.length)}?sign=x`,
              }
            : { fileID, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' },
        ),
      }
    },
    async uploadFile({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) {
      const fileID = `cloud://env.bucket/${cloudPath}`
      files.set(fileID, fileContent)
      return { fileID }
    },
  }
  return { app: app as unknown as App, requests }
}

describe('storage in the cloud (node-sdk)', () => {
  const files = new Map<string, Buffer>()
  const server = http.createServer((req, res) => {
    const content = files.get(`cloud://${(req.url ?? '').slice(1).split('?')[0]}`)
    res.writeHead(content ? 200 : 404, { 'content-length': String(content?.length ?? 0) })
    res.end(content)
  })
  let base = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('downloads through a short-lived URL, and says null for a missing or oversized file', async () => {
    const { app } = fakeApp(() => base, files)
    const storage = cloudFiles(app)
    const fileID = await storage.upload('photos/a.png', Buffer.from('png bytes'))
    expect(await storage.download(fileID, 1024)).toEqual(Buffer.from('png bytes'))
    expect(await storage.download('cloud://env.bucket/uploads/o/none.jpg', 1024)).toBeNull()
    expect(await storage.download(fileID, 4)).toBeNull()
  })

  it('asks for temporary URLs with their lifetime, fifty files a call, and leaves out missing files', async () => {
    const { app, requests } = fakeApp(() => base, files)
    const ids = Array.from({ length: 60 }, (_, n) => `cloud://env.bucket/photos/${n}.png`)
    ids.slice(0, 59).forEach((fileID) => files.set(fileID, Buffer.from('x')))
    const urls = await cloudFiles(app).temporaryUrls([...ids, ids[0]!], 7200)
    expect(requests.map((list) => list.length)).toEqual([50, 10])
    expect(requests.flat().every((file) => file.maxAge === 7200)).toBe(true)
    expect(urls.size).toBe(59)
    expect(urls.get(ids[0]!)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
  })
})
