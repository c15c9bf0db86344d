import { sniffImage, UnparseableImage, type ImageType } from './image-types'
import { stripJpeg } from './jpeg'
import { stripPng } from './png'
import { stripWebp } from './webp'

export { sniffImage, type ImageType } from './image-types'

export type Stripped = { ok: true; content: Buffer; type: ImageType } | { ok: false; reason: string }

const strippers: Partial<Record<ImageType['kind'], (bytes: Buffer) => Buffer>> = {
  jpeg: stripJpeg,
  png: stripPng,
  webp: stripWebp,
}

/**
 * A photo without what a camera or an editor wrote into it besides the picture (the GPS position above
 * all), or a refusal. It fails closed: a format it cannot take apart (GIF, or anything unrecognised) and a
 * file it cannot parse to the end are refused, never passed through.
 */
export function stripMetadata(bytes: Buffer): Stripped {
  const type = sniffImage(bytes)
  if (!type) return { ok: false, reason: 'not a JPEG, PNG or WebP image' }
  const strip = strippers[type.kind]
  if (!strip) return { ok: false, reason: `${type.kind} images are not accepted` }
  try {
    return { ok: true, content: strip(bytes), type }
  } catch (error) {
    // A read past the end that a check missed is a file this parser cannot take apart, too.
    return { ok: false, reason: error instanceof UnparseableImage ? error.message : String(error) }
  }
}
