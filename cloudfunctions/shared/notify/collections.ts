import type { CollectionDeclaration } from '../db/declaration'

export const notifySchema = {
  collections: {
    outbox: 'outbox',
    /** Sends each user accepted, per template: `<openid>:<templateId>` → remaining. */
    subscriptionQuota: 'subscription_quota',
  },
  // A person's messages, and those addressed to a role in their grids; newest first.
  indexes: [
    { collection: 'outbox', fields: ['audience.openid', 'createdAt', '_id'] },
    // Everything queued, newest first (the emulator's outbox view; the sender's order).
    { collection: 'outbox', fields: ['createdAt', '_id'] },
    { collection: 'outbox', fields: ['audience.gridId', 'audience.roles', 'createdAt', '_id'] },
    // The sender's queue: what is pending, due first.
    { collection: 'outbox', fields: ['delivery.state', 'delivery.nextAttemptAt', '_id'] },
    // The district operator's view of what did not go out (multikey on the subject's lineage).
    { collection: 'outbox', fields: ['gridPath', 'delivery.state', 'delivery.nextAttemptAt', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
