import { UnparseableImage } from './image-types'

interface Chunk {
  fourcc: string
  payload: Buffer
}

/** VP8X flags (the first payload byte): an ICC profile, alpha, EXIF, XMP, animation. */
const iccFlag = 0x20
const exifFlag = 0x08
const xmpFlag = 0x04

const bitstreams = new Set(['VP8 ', 'VP8L'])
/** What an extended WebP keeps: the header, colour profile, animation, alpha and the bitstreams. */
const extendedChunks = new Set(['VP8X', 'ICCP', 'ANIM', 'ANMF', 'ALPH', 'VP8 ', 'VP8L'])
/** What one animation frame keeps after its 16-byte frame header. */
const frameChunks = new Set(['ALPH', 'VP8 ', 'VP8L'])

/**
 * A WebP rebuilt from its image chunks, or a refusal. The RIFF size must fit the file and every chunk must
 * fit the RIFF; bytes after the RIFF are dropped. EXIF and XMP chunks (and any unknown chunk, in the file
 * or inside an animation frame) are dropped and the VP8X header's flags are corrected to match.
 */
export function stripWebp(webp: Buffer): Buffer {
  if (
    webp.length < 12 ||
    webp.toString('latin1', 0, 4) !== 'RIFF' ||
    webp.toString('latin1', 8, 12) !== 'WEBP'
  )
    fail('no RIFF WEBP header')
  const riffEnd = 8 + webp.readUInt32LE(4)
  if (riffEnd > webp.length) fail('the RIFF size runs past the end of the file')
  const chunks = readChunks(webp, 12, riffEnd)
  const head = chunks[0]
  if (!head) fail('no chunks')

  if (bitstreams.has(head.fourcc)) {
    // The simple format is one bitstream and nothing else: anything after it is not part of the image.
    return riff([head])
  }
  if (head.fourcc !== 'VP8X') fail(`the first chunk is ${JSON.stringify(head.fourcc)}`)
  if (head.payload.length !== 10) fail('a VP8X header that is not 10 bytes')

  const kept = chunks.slice(1).flatMap((chunk): Chunk[] => {
    if (!extendedChunks.has(chunk.fourcc)) return []
    if (chunk.fourcc === 'VP8X') fail('a second VP8X header')
    if (chunk.fourcc === 'ANMF') return [{ fourcc: 'ANMF', payload: stripFrame(chunk.payload) }]
    return [chunk]
  })
  if (!kept.some((chunk) => bitstreams.has(chunk.fourcc) || chunk.fourcc === 'ANMF')) fail('no image data')
  const header = Buffer.from(head.payload)
  const hasProfile = kept.some((chunk) => chunk.fourcc === 'ICCP')
  header[0] = (header[0]! & ~(exifFlag | xmpFlag | iccFlag)) | (hasProfile ? iccFlag : 0)
  return riff([{ fourcc: 'VP8X', payload: header }, ...kept])
}

/** An animation frame: its header as it is, then only the chunks that draw it. */
function stripFrame(payload: Buffer): Buffer {
  if (payload.length < 16) fail('a truncated animation frame')
  const inner = readChunks(payload, 16, payload.length).filter((chunk) => frameChunks.has(chunk.fourcc))
  if (!inner.some((chunk) => bitstreams.has(chunk.fourcc))) fail('an animation frame without image data')
  return Buffer.concat([payload.subarray(0, 16), ...inner.map(encodeChunk)])
}

/** The chunks between `from` and `end`, each inside it with its padding byte; anything left over is refused. */
function readChunks(bytes: Buffer, from: number, end: number): Chunk[] {
  const chunks: Chunk[] = []
  let offset = from
  while (offset < end) {
    if (offset + 8 > end) fail('a chunk header is cut off')
    const fourcc = bytes.toString('latin1', offset, offset + 4)
    const size = bytes.readUInt32LE(offset + 4)
    const payloadEnd = offset + 8 + size
    const padded = payloadEnd + (size % 2)
    if (padded > end) fail(`chunk ${JSON.stringify(fourcc)} runs past its container`)
    if (!/^[\x20-\x7e]{4}$/.test(fourcc)) fail('a chunk name that is not printable')
    chunks.push({ fourcc, payload: bytes.subarray(offset + 8, payloadEnd) })
    offset = padded
  }
  return chunks
}

function encodeChunk(chunk: Chunk): Buffer {
  const header = Buffer.alloc(8)
  header.write(chunk.fourcc, 0, 'latin1')
  header.writeUInt32LE(chunk.payload.length, 4)
  const padding = chunk.payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)
  return Buffer.concat([header, chunk.payload, padding])
}

function riff(chunks: Chunk[]): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks.map(encodeChunk)])
  const header = Buffer.alloc(8)
  header.write('RIFF', 0, 'latin1')
  header.writeUInt32LE(body.length, 4)
  return Buffer.concat([header, body])
}

function fail(reason: string): never {
  throw new UnparseableImage(`WebP: ${reason}`)
}
