import jsQR from 'jsqr'
import { demoGridIds } from '../../../emulator/demo/grids'
import { qrDataUrl } from '../../../cloudfunctions/shared/people/invite-qr'
import { createTestWorld, type TestWorld } from '../../factories/runtime'

// pngjs comes with qrcode (which writes its PNGs with it); it has no types of its own.
const { PNG } = require('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } }
}

/** What a phone's camera would read from the image of a data URL. */
function scan(dataUrl: string): string | null {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl)
  if (!match) throw new Error(`not a PNG data URL: ${dataUrl.slice(0, 40)}`)
  const image = PNG.sync.read(Buffer.from(match[1]!, 'base64'))
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

describe('the invite’s QR code', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  const invite = () =>
    world.ok('demo-air-office', 'invite.create', {
      role: 'grid_member',
      gridId: demoGridIds.yingyueRoadGrid2,
    })

  it('comes with the invite as an image that reads back as the join page with its code', async () => {
    const created = await invite()
    expect(scan(created.qr)).toBe(`pkg-onboard/pages/join/index?code=${created.code}`)
    expect(scan(created.qr)).toBe(created.path)
    // Asked of WeChat as its mini-program code, the scene carrying the code.
    const [call] = world.wechat.callsTo('wxacode.getUnlimited')
    expect(call!.payload).toMatchObject({
      page: 'pkg-onboard/pages/join/index',
      scene: `code=${created.code}`,
    })
    expect(call!.payload.scene.length).toBeLessThanOrEqual(32)
  })

  it('falls back to a QR code of the page link rendered here when WeChat makes no code', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => {})
    world.wechat.answerNext({ errCode: 41030, errMsg: 'invalid page' }, 1, 'wxacode.getUnlimited')
    const created = await invite()
    expect(scan(created.qr)).toBe(created.path)
  })

  it('renders any text so that it scans back the same', async () => {
    expect(scan(await qrDataUrl('pkg-onboard/pages/join/index?code=ABCDEFGH23'))).toBe(
      'pkg-onboard/pages/join/index?code=ABCDEFGH23',
    )
  })
})
