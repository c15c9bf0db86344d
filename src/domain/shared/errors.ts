// Error reasons are kebab-case codes for programs, each with a plain-Chinese message for people.
export const errorMessages = {
  'invalid-input': '填写的内容有误，请检查后再提交',
  'unknown-action': '不支持的操作',
  'not-signed-in': '请先登录',
  'not-registered': '账号尚未开通，请联系管理员',
  forbidden: '您没有权限进行此操作',
  'not-found': '没有找到这条记录',
  'illegal-transition': '当前状态下不能进行此操作',
  'not-claimable': '该问题已被他人认领',
  'outside-service-area': '该位置不在服务范围内',
  'rate-limited': '操作太频繁，请稍后再试',
  'file-rejected': '照片无效，请重新上传',
  'content-rejected': '内容未通过安全检测，请修改后再提交',
  conflict: '数据已被他人修改，请刷新后重试',
  'already-published': '该评选结果已经发布，不能重复发布',
  'period-not-ended': '评选周期尚未结束，暂不能发布',
  'invite-used': '该邀请码已被使用',
  'invite-expired': '该邀请码已过期',
  'invite-revoked': '该邀请码已被撤销',
  'bootstrap-closed': '初始化码已失效',
  internal: '系统繁忙，请稍后再试',
} as const

export type ErrorCode = keyof typeof errorMessages

export interface AppErrorBody {
  code: ErrorCode
  message: string
  /** Field-level problems, already in Chinese, keyed by the dotted path of the field. */
  fields?: Record<string, string>
  details?: Record<string, unknown>
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields?: Record<string, string>
  readonly details?: Record<string, unknown>

  constructor(
    code: ErrorCode,
    message: string = errorMessages[code],
    extra: { fields?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.fields = extra.fields
    this.details = extra.details
  }

  toBody(): AppErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    }
  }
}

/** The envelope every action answers with, on both platforms. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody }
