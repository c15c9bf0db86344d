import { caseInputs } from './case/inputs'
import { notifyInputs } from './notify/inputs'
import { patrolInputs } from './patrol/inputs'
import { photoInputs } from './photos/inputs'
import { peopleInputs } from './people/inputs'
import { gridInputs } from './grid/inputs'
import { rewardsInputs } from './rewards/inputs'
import { reportsInputs } from './reports/inputs'
import { weeklyInputs } from './reports/weekly-inputs'
import { assessmentInputs } from './assessment/inputs'
import { supervisionInputs } from './supervision/inputs'
import { intakeInputs } from './intake/inputs'
import { alertInputs } from './alerts/inputs'
import { open311Inputs } from './open311/inputs'
import { exportInputs } from './exports/inputs'
import { siteInputs } from './sites/inputs'
import { deskInputs } from './desk/inputs'

/**
 * Every action's input schema, by action name: the part of the contract (./contract) the client runs, to
 * validate a payload before sending it. The answers' schemas are left to the server and the tests, so that
 * the mini-program does not ship them; contract.ts composes its `actions` from these same schema objects.
 */
export const actionInputs = {
  ...peopleInputs,
  ...gridInputs,
  ...caseInputs,
  ...notifyInputs,
  ...rewardsInputs,
  ...patrolInputs,
  ...photoInputs,
  ...reportsInputs,
  ...weeklyInputs,
  ...assessmentInputs,
  ...supervisionInputs,
  ...intakeInputs,
  ...alertInputs,
  ...open311Inputs,
  ...exportInputs,
  ...siteInputs,
  ...deskInputs,
} as const
