/**
 * An Open311 api key as the district office hands it to a civic app: `o311_<key id>_<secret>`, the id 12 hex
 * digits (what the office sees in its list and revokes by), the secret 32 random bytes in base64url. Only a
 * hash of the whole key is stored; the key itself is answered once, at registration.
 */
export const apiKeyPattern = /^o311_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/
export const keyIdPattern = /^[0-9a-f]{12}$/

export function formatApiKey(keyId: string, secret: string): string {
  return `o311_${keyId}_${secret}`
}

/** The key id an api key names, or null when it is no key of ours. */
export function keyIdOf(apiKey: string | undefined): string | null {
  const match = apiKeyPattern.exec(apiKey?.trim() ?? '')
  return match ? match[1]! : null
}
