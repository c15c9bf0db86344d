/**
 * Removes APP1 segments (EXIF, which carries GPS position, and XMP) from a JPEG, keeping every other
 * segment and the image data byte for byte. A reporter's exact position is personal data: the case keeps
 * the point they chose, never the one their camera wrote into the photo.
 */
export function stripJpegMetadata(jpeg: Buffer): Buffer {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg
  const kept: Buffer[] = [jpeg.subarray(0, 2)]
  let offset = 2
  while (offset + 4 <= jpeg.length) {
    if (jpeg[offset] !== 0xff) break
    const marker = jpeg[offset + 1]!
    // Start of scan: the compressed image follows; keep the rest as it is.
    if (marker === 0xda) {
      kept.push(jpeg.subarray(offset))
      return Buffer.concat(kept)
    }
    const length = jpeg.readUInt16BE(offset + 2)
    const end = offset + 2 + length
    if (length < 2 || end > jpeg.length) break
    if (marker !== 0xe1) kept.push(jpeg.subarray(offset, end))
    offset = end
  }
  // Not a well-formed segment list: keep what was parsed plus the remainder untouched.
  kept.push(jpeg.subarray(offset))
  return Buffer.concat(kept)
}
