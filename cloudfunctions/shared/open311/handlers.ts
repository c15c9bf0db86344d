import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import type { Open311KeyView } from '../../../src/domain/open311/contract'
import { requireOffice } from '../../../src/domain/people/onboarding'
import { AppError } from '../../../src/domain/shared/errors'
import type { HandlerContext } from '../runtime/context'
import { hashApiKey, newApiKey } from './secrets'
import { open311StoreOf, type Open311KeyRecord } from './store'

export function keyViewOf(record: Open311KeyRecord): Open311KeyView {
  return {
    id: record._id,
    name: record.name,
    contact: record.contact,
    registeredBy: record.owner.nickname,
    registeredAt: record.registeredAt,
    revokedAt: record.revokedAt,
  }
}

async function officeDistrict(ctx: HandlerContext, doing: string): Promise<string> {
  const { tree } = await ctx.stores.grids.index()
  const office = requireOffice(tree, ctx.actor)
  if (!office.ok) throw new AppError('forbidden', `只有区级办公室可以${doing}Open311接入密钥`)
  return office.districtId
}

/**
 * `open311.key.register`: the district office registers a civic app; the answer carries its api key, this
 * once. What is stored is the key's hash, and the office as it is now: posts with the key are attributed to
 * them and land in the grids of wherever their place lies.
 */
export async function registerKey(
  ctx: HandlerContext,
  input: ActionParsedInput<'open311.key.register'>,
): Promise<ActionOutput<'open311.key.register'>> {
  const districtId = await officeDistrict(ctx, '登记')
  const { keyId, apiKey } = newApiKey()
  const record: Open311KeyRecord = {
    _id: keyId,
    keyHash: hashApiKey(apiKey),
    name: input.name,
    contact: input.contact,
    districtId,
    owner: { ...ctx.actor, nickname: ctx.user.nickname },
    registeredAt: ctx.now.toISOString(),
    revokedAt: null,
    revokedBy: null,
  }
  if (!(await open311StoreOf(ctx.runtime).register(record))) throw new AppError('conflict')
  return { key: keyViewOf(record), apiKey }
}

export async function listKeys(
  ctx: HandlerContext,
  input: ActionParsedInput<'open311.key.list'>,
): Promise<ActionOutput<'open311.key.list'>> {
  const districtId = await officeDistrict(ctx, '查看')
  const read = await open311StoreOf(ctx.runtime).list(districtId, input.page, input.pageSize)
  return { ...read, items: read.items.map(keyViewOf), page: input.page, pageSize: input.pageSize }
}

/** `open311.key.revoke`: posts with the key are refused from now on (403); its cases stay as they are. */
export async function revokeKey(
  ctx: HandlerContext,
  input: ActionParsedInput<'open311.key.revoke'>,
): Promise<ActionOutput<'open311.key.revoke'>> {
  const districtId = await officeDistrict(ctx, '撤销')
  const store = open311StoreOf(ctx.runtime)
  const at = ctx.now.toISOString()
  if (!(await store.revoke(input.keyId, districtId, ctx.actor.openid, at))) {
    const found = await store.key(input.keyId)
    if (!found || found.districtId !== districtId) throw new AppError('not-found', '没有找到这个接入密钥')
    throw new AppError('conflict', '这个接入密钥已经撤销过了')
  }
  const revoked = await store.key(input.keyId)
  if (!revoked) throw new AppError('not-found', '没有找到这个接入密钥')
  return { key: keyViewOf(revoked) }
}
