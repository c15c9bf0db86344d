import { randomBytes } from 'node:crypto'
import { signRequest } from '../../cloudfunctions/shared/intake/secrets'
import { signatureHeaders } from '../../src/domain/intake/signature'

let nonces = 0

/** A fresh nonce, as a station makes one per request. */
export function freshNonce(): string {
  nonces += 1
  return `n${String(nonces).padStart(6, '0')}-${randomBytes(6).toString('hex')}`
}

export interface SignedPost {
  headers: Record<string, string>
  body: string
}

/** A reading as a station posts it: the JSON body and the four signed headers, at `now` unless told. */
export function signedReading(
  secret: string,
  reading: Record<string, unknown> & { stationId: string },
  options: { now?: Date; nonce?: string; timestamp?: number; headerStation?: string } = {},
): SignedPost {
  const body = JSON.stringify(reading)
  const timestamp = options.timestamp ?? Math.floor((options.now ?? new Date()).getTime() / 1000)
  const nonce = options.nonce ?? freshNonce()
  const stationId = options.headerStation ?? reading.stationId
  const signature = signRequest(secret, { stationId, timestamp, nonce, body })
  return {
    body,
    headers: {
      'content-type': 'application/json',
      [signatureHeaders.station]: stationId,
      [signatureHeaders.timestamp]: String(timestamp),
      [signatureHeaders.nonce]: nonce,
      [signatureHeaders.signature]: signature,
    },
  }
}

/** The event CloudBase's HTTP access service would hand the intake function for this post. */
export function httpEventOf(post: SignedPost, method = 'POST') {
  return {
    path: '/intake',
    httpMethod: method,
    headers: post.headers,
    body: post.body,
    isBase64Encoded: false,
  }
}
