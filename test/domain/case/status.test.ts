import {
  can,
  caseCommands,
  caseStatuses,
  decideTransition,
  transitionTable,
} from '../../../src/domain/case/status'

describe('the case status table', () => {
  it('lets a grid member claim a pending case', () => {
    expect(decideTransition('pending', 'claim', 'grid_member')).toEqual({
      ok: true,
      from: 'pending',
      to: 'claimed',
    })
  })

  it('refuses to claim a case that is already claimed, naming the current status', () => {
    expect(decideTransition('claimed', 'claim', 'grid_member')).toEqual({
      ok: false,
      reason: 'illegal-transition',
      current: 'claimed',
    })
  })

  it('refuses a resident who tries to claim, whatever the status', () => {
    for (const status of caseStatuses) {
      expect(decideTransition(status, 'claim', 'resident')).toMatchObject({ ok: false, reason: 'forbidden' })
    }
  })

  it('only lets a new case be submitted from nothing', () => {
    expect(decideTransition('none', 'submit', 'resident')).toMatchObject({ ok: true, to: 'pending' })
    expect(decideTransition('pending', 'submit', 'resident')).toMatchObject({
      ok: false,
      reason: 'illegal-transition',
    })
  })

  it('reserves automatic confirmation for the system', () => {
    expect(can('verified', 'auto-confirm', 'supervisor')).toBe(false)
    expect(decideTransition('verified', 'auto-confirm', 'system')).toMatchObject({ ok: true, to: 'closed' })
  })

  it('never leaves a closed, rejected or merged case by any command', () => {
    for (const command of caseCommands) {
      for (const status of ['closed', 'rejected', 'merged'] as const) {
        // Only a trace that moves nothing may follow a case's end: passing its held after-photos.
        if (status === 'closed' && command === 'approve-evidence') {
          expect(transitionTable[command]).toMatchObject({ to: 'same' })
          expect(transitionTable[command].alternatives).toBeUndefined()
        } else expect(transitionTable[command].from).not.toContain(status)
      }
    }
  })

  it('lets only district offices ask for the city and sign off', () => {
    expect(can('claimed', 'request-city', 'grid_leader')).toBe(false)
    expect(can('claimed', 'request-city', 'district_office')).toBe(true)
    expect(can('awaiting-signoff', 'sign-off', 'district_office')).toBe(true)
  })
})
