import type { z } from '../shared/zod'
import type { CaseAct } from './acts/kit'
import type { caseActions } from './contract'
import type { CaseCommand } from './status'

type CaseActions = typeof caseActions
/** The key of a `case.*` action, as the client spells it: `case.requestCity` → `requestCity`. */
type ActionKey<A> = A extends `case.${infer K}` ? K : never
type CaseActionKey = ActionKey<keyof CaseActions>
/** The contract's action for a key of the table. */
export type CaseActionOf<K extends string> = Extract<keyof CaseActions, `case.${K}`>
type ParsedInput<K extends CaseActionKey> = z.output<CaseActions[CaseActionOf<K>]['input']>

export interface CaseActRow<K extends CaseActionKey> {
  /** The status table's command, for previews with can(); 核查 names its passing one. */
  command: CaseCommand
  /** What the act is called where it is offered. */
  label: string
  /**
   * The act the domain decides, from the action's parsed input. Absent where the handler has real work
   * of its own first (looking people up, reading a second case).
   */
  toAct?: (input: ParsedInput<K>) => CaseAct
}

/** A row for an act that carries nothing but a note, as most steps between levels do (the table checks it is one). */
const noteOnly = <C extends CaseAct['type']>(command: C, label: string) => ({
  command,
  label,
  toAct: (input: { note: string }) => ({ type: command, note: input.note }),
})

/**
 * Every act on a case, spelled once: the key is the client's (and `case.<key>` the contract's action), the
 * command the domain's. Adding an act touches this table, one module under acts/ and the contract (its
 * input schema); the server's handler is generated from the row.
 */
export const caseActs = {
  claim: { command: 'claim', label: '认领', toAct: () => ({ type: 'claim' }) },
  release: {
    command: 'release',
    label: '放弃认领',
    toAct: (input) => ({ type: 'release', reason: input.reason }),
  },
  rectify: {
    command: 'rectify',
    label: '提交整改结果',
    toAct: (input) => ({ type: 'rectify', measure: input.measure, note: input.note, photos: input.photos }),
  },
  recordPart: {
    command: 'record-part',
    label: '记录部门处置',
    toAct: (input) => ({ type: 'record-part', note: input.note, photos: input.photos }),
  },
  attachHandlers: { command: 'attach-handlers', label: '增派联合执法' },
  escalate: {
    command: 'escalate',
    label: '上报上级网格',
    toAct: (input) => ({ type: 'escalate', reason: input.reason, note: input.note }),
  },
  requestCity: noteOnly('request-city', '申请报送市级'),
  signOff: noteOnly('sign-off', '会签'),
  sendBack: noteOnly('send-back', '退回下级'),
  cityResolve: noteOnly('city-resolve', '登记市级办结'),
  verify: {
    command: 'verify',
    label: '核查整改结果',
    toAct: (input) => ({ type: input.passed ? 'verify' : 'fail-verification', note: input.note }),
  },
  confirm: {
    command: 'confirm',
    label: '满意',
    toAct: (input) => ({ type: 'confirm', rating: input.rating, comment: input.comment }),
  },
  dispute: {
    command: 'dispute',
    label: '不满意',
    toAct: (input) => ({ type: 'dispute', reason: input.reason }),
  },
  reject: {
    command: 'reject',
    label: '不予受理',
    toAct: (input) => ({ type: 'reject', reason: input.reason, note: input.note }),
  },
  merge: { command: 'merge', label: '并案' },
  supervise: {
    command: 'supervise',
    label: '挂牌督办',
    toAct: (input) => ({
      type: 'supervise',
      deadlineAt: new Date(input.deadlineAt).toISOString(),
      note: input.note,
    }),
  },
  unsupervise: noteOnly('unsupervise', '解除督办'),
  correctGrid: {
    command: 'correct-grid',
    label: '更正所属网格',
    toAct: (input) => ({ type: 'correct-grid', gridId: input.gridId }),
  },
  join: {
    command: 'join',
    label: '附议',
    toAct: (input) => ({ type: 'join', ...(input.location ? { location: input.location } : {}) }),
  },
  approveContent: {
    command: 'approve-content',
    label: '内容复核通过',
    toAct: () => ({ type: 'approve-content' }),
  },
  // The handler reads the photo's check and the trail first: the domain judges what it found.
  approveEvidence: { command: 'approve-evidence', label: '处理照片复核通过' },
  // The handler reads the site first (the sites feature's): its name rides on the event.
  linkSite: { command: 'link-site', label: '关联污染源' },
} as const satisfies { [K in CaseActionKey]?: CaseActRow<K> }

export type CaseActKey = keyof typeof caseActs
/** The acts whose handler only parses, decides and persists: generated from the table. */
export type PlainCaseActKey = {
  [K in CaseActKey]: (typeof caseActs)[K] extends { toAct: unknown } ? K : never
}[CaseActKey]

export const caseActKeys = Object.keys(caseActs) as CaseActKey[]

/** The contract's action name for a key of the table. */
export const caseActionOf = <K extends CaseActKey>(key: K) => `case.${key}` as CaseActionOf<K>
