/** The image formats storage accepts, recognised by their first bytes rather than by what the client says. */
export interface ImageType {
  kind: 'jpeg' | 'png' | 'webp' | 'gif'
  contentType: string
  extension: string
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const signatures: { type: ImageType; matches: (head: Buffer) => boolean }[] = [
  {
    type: { kind: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' },
    matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  },
  {
    type: { kind: 'png', contentType: 'image/png', extension: 'png' },
    matches: (h) => h.subarray(0, 8).equals(pngSignature),
  },
  {
    type: { kind: 'gif', contentType: 'image/gif', extension: 'gif' },
    matches: (h) => h.subarray(0, 4).toString('latin1') === 'GIF8',
  },
  {
    type: { kind: 'webp', contentType: 'image/webp', extension: 'webp' },
    matches: (h) =>
      h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  },
]

export function sniffImage(content: Buffer): ImageType | undefined {
  return signatures.find((signature) => signature.matches(content))?.type
}

/** Why an image was refused: it is not something the stripper can take apart completely. */
export class UnparseableImage extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'UnparseableImage'
  }
}
