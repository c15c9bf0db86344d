/**
 * Why the intake refused a request, each with the HTTP status it answers and a plain message for the station's
 * maintainer. Nothing is written for any of them.
 */
export const intakeRefusals = {
  'method-not-allowed': { status: 405, message: '只接受 POST 请求' },
  unsigned: { status: 401, message: '请求缺少签名头（站点编号、时间戳、随机串、签名）' },
  'unknown-station': { status: 401, message: '没有登记这个监测站点' },
  'bad-signature': { status: 401, message: '签名不正确' },
  stale: { status: 401, message: '请求时间戳与服务器时间相差过大' },
  replayed: { status: 409, message: '该请求已经收到过（随机串重复）' },
  'station-mismatch': { status: 400, message: '请求体中的站点编号与签名头不一致' },
  'invalid-reading': { status: 422, message: '监测数据无效' },
} as const
export type IntakeReason = keyof typeof intakeRefusals

export interface IntakeRefusal {
  ok: false
  reason: IntakeReason
  message: string
  /** Field-level problems of a reading, keyed by field. */
  fields?: Record<string, string>
}

export function refuseIntake(reason: IntakeReason, fields?: Record<string, string>): IntakeRefusal {
  return { ok: false, reason, message: intakeRefusals[reason].message, ...(fields ? { fields } : {}) }
}
