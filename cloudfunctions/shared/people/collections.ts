import type { CollectionDeclaration } from '../db/declaration'

export const peopleSchema = {
  collections: { user: 'user', invite: 'invite', peopleChange: 'people_change' },
  indexes: [
    // Joint enforcement: the staff working in a case's grid, its ancestors and its children.
    { collection: 'user', fields: ['gridIds', 'role'] },
    // The office's staff list (district, roles), paged by id.
    { collection: 'user', fields: ['districtId', 'role', '_id'] },
    // Bootstrap: whether any district office exists at all.
    { collection: 'user', fields: ['role'] },
    // The office's invites, newest first, all or by status (then _id as the tie-break).
    { collection: 'invite', fields: ['districtId', 'createdAt', '_id'] },
    { collection: 'invite', fields: ['districtId', 'status', 'createdAt', '_id'] },
    // people_change is append-only and read by id only (its bootstrap marker); no query needs an index yet.
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
