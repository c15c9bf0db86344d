import type { siteActions } from '../../../src/domain/sites/contract'
import type { HandlerMap } from '../api/handler'
import type { Job } from '../jobs/job'
import { siteSchema } from './collections'
import { createSite, getSite, listSites, nearbySites, updateSite } from './handlers'
import { importSites } from './import'
import { linkCaseToSite } from './link'

const handlers: HandlerMap<keyof typeof siteActions | 'case.linkSite'> = {
  'site.create': createSite,
  'site.update': updateSite,
  'site.get': getSite,
  'site.list': listSites,
  'site.import': importSites,
  'site.nearby': nearbySites,
  // A case act, handled here: it reads the site first and files the case in the site's history after.
  'case.linkSite': linkCaseToSite,
}

// No jobs: a site's colour is read from its marks at the time of reading, so it fades without a sweep.
const jobs: Job[] = []

/** The site register (一企一档): sites, their colours, their linked cases, the spreadsheet import. */
export const sitesContext = { name: 'sites', handlers, jobs, ...siteSchema }
