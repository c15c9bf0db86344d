import { intakeRows, jobRows, open311Rows } from '../test/factories/cost-scenario'

/** A number of database requests a kind of call may make (per call; a job's per unit, amortized). */
export interface CostBudget {
  what: string
  requests: number
  /** The scenario's rows it holds (`test/factories/cost-scenario.ts`). */
  calls: readonly string[]
}

/**
 * The budgets, in requests per call (issue 11: the cost of an act on CloudBase). `npm run bench -- --only cost`
 * holds every measured call to the budget that names it; calls no budget names are printed without one.
 */
export const costBudgets: readonly CostBudget[] = [
  // The alert in force comes from the warm instance's copy of the district's alert book: no request more.
  {
    what: 'case.submit',
    requests: 4,
    calls: ['case.submit', 'case.submit (2nd)', 'case.submit (under an alert)'],
  },
  // The caller, the day's case number, the case's insert (an operator has no rate limit to take).
  { what: 'a complaint-line call entered as a case', requests: 3, calls: ['hotline.record'] },
  // The key by id, the day's case number, the case's insert; a retry reads the first case to answer it.
  { what: 'an Open311 post entered as a case', requests: 4, calls: [open311Rows.post, open311Rows.retry] },
  // Reads need no key: the catalog is configuration, a window is read in batches of 1000 (at most 3).
  {
    what: 'Open311 reads (services, a window of requests, one request)',
    requests: 3,
    calls: [open311Rows.services, open311Rows.list, open311Rows.byService, open311Rows.one],
  },
  {
    what: 'managing Open311 api keys',
    requests: 3,
    calls: ['open311.key.register', 'open311.key.list', 'open311.key.revoke'],
  },
  // A patrol round: its start and end, a check-in on its track, and reading it back.
  {
    what: 'a patrol round, started, walked, read, ended',
    requests: 4,
    calls: ['patrol.startRound', 'patrol.checkIn (in a round)', 'patrol.round', 'patrol.endRound'],
  },
  // The round, the day's case number, the case's insert, the round's case list (and the caller).
  { what: 'a problem found on patrol filed as a case', requests: 5, calls: ['patrol.report'] },
  {
    what: 'a single-case act (a person’s or a sweep’s)',
    requests: 3,
    calls: [
      'case.claim',
      'case.release',
      'case.rectify',
      'case.escalate',
      'case.requestCity',
      'case.signOff',
      'case.sendBack',
      'case.verify',
      'case.confirm',
      'case.dispute',
      'case.reject',
      'case.cityResolve',
      'case.supervise',
      'case.unsupervise',
      'case.recordPart',
      'case.correctGrid',
      'case.join',
      'case.approveContent',
      jobRows.sweepAct,
    ],
  },
  // The caller's write window is an update of its own; the people named are read beside it, not with the caller.
  { what: 'attaching joint handlers', requests: 4, calls: ['case.attachHandlers'] },
  { what: 'merge (two cases)', requests: 5, calls: ['case.merge'] },
  // The trail to find the photo and the photo's check before the act; the photo's conditional pass after it.
  { what: 'passing an evidence photo WeChat held', requests: 6, calls: ['case.approveEvidence'] },
  // The station, the reading keyed by its nonce, and at most one write on the station or its episode.
  {
    what: 'a monitoring reading (calm, starting a streak, in an episode)',
    requests: 3,
    calls: [intakeRows.calm, intakeRows.streak, intakeRows.attach],
  },
  // Once per episode: its insert-once, the case number, the case, the station's state.
  { what: 'the reading that opens an episode and files its case', requests: 6, calls: [intakeRows.open] },
  {
    what: 'registering a station, a sensor case’s curve',
    requests: 2,
    calls: ['station.register', 'station.episode', 'station.list'],
  },
  // Per feature: the caller, the tree read (one page per 1000 nodes), one write per new or changed node, the log.
  { what: 'grid import, per feature of the file', requests: 2, calls: ['grid.import'] },
  // The caller, the record of who uploaded what, the caller's recent photos (which acts check for free).
  { what: 'registering an uploaded photo', requests: 3, calls: ['photo.register'] },
  {
    what: 'a case, a board, my reports, my messages, me',
    requests: 2,
    calls: ['case.get', 'board.list', 'case.mine', 'notification.list', 'me.get', 'photo.prepare'],
  },
  // The caller, the case with its trail, and the checks of the acts' evidence photos, all in one read.
  { what: 'a case whose trail shows act evidence', requests: 3, calls: ['case.get (with act evidence)'] },
  {
    what: 'my points, the rankings (also on a long list, with me outside the top)',
    requests: 3,
    calls: ['points.mine', 'points.leaderboard', 'points.mine (long list)', 'points.leaderboard (long list)'],
  },
  // The caller, the box of open cases (their places only), the nearest few read in full by id, and the rate
  // limit's write on the caller, made alongside the first read.
  { what: 'nearby open cases (rate-limited)', requests: 4, calls: ['case.nearby'] },
  {
    what: 'the desk: a node’s figures for a period, the cases behind one, its charts',
    requests: 3,
    calls: ['stats.overview', 'stats.cases', 'stats.charts', 'stats.charts (a district)'],
  },
  // The caller, the child grids' sheets (one read by id across their documents), one index read of cases.
  {
    what: '挂图作战: a node’s grids coloured by an indicator, its open cases',
    requests: 3,
    calls: ['desk.map', 'desk.map (a street, filtered)'],
  },
  // The caller, the month's assessment, the district's month documents (one read by id for all its
  // streets), and its write: an insert, or the copy kept as history and the conditional replace.
  {
    what: 'the monthly assessment drafted (first, unchanged, redrafted)',
    requests: 5,
    calls: ['assessment.draft', 'assessment.draft (unchanged)', 'assessment.draft (changed)'],
  },
  {
    what: 'the assessment published (the caller, the draft, its conditional update), listed',
    requests: 3,
    calls: ['assessment.publish', 'assessment.list', 'assessment.list (a month)'],
  },
  // The caller and one index read of the district's open cases, longest overdue or latest flag first.
  {
    what: 'the 督查室 lists (overdue, red-carded, flagged)',
    requests: 2,
    calls: ['supervision.list', 'supervision.list (overdue)'],
  },
  // The caller, the case it names, the insert (a retry finds the first by its id).
  { what: 'a note on a grid record', requests: 3, calls: ['supervision.note'] },
  {
    what: 'the daily bulletins read (the caller, one read by id)',
    requests: 2,
    calls: ['supervision.bulletin'],
  },
  { what: 'the daily bulletins drafted, per street (amortized)', requests: 2, calls: [jobRows.bulletin] },
  // The caller, the district's alert book by id, the conditional append of the set or the lift.
  { what: 'a heavy-pollution alert set or lifted', requests: 3, calls: ['alert.set', 'alert.lift'] },
  // The caller; the alert in force from the instance's copy of the book (one read by id when cold).
  { what: 'the alert in force (the banner)', requests: 2, calls: ['alert.current'] },
  { what: 'the alert history (the caller, the book)', requests: 2, calls: ['alert.list'] },
  // The caller and the insert; the caller, the site, its conditional update.
  { what: 'a site registered (一企一档)', requests: 2, calls: ['site.create'] },
  { what: 'a site changed', requests: 3, calls: ['site.update'] },
  // The caller, then one read: a page of the scope's sites.
  { what: 'the site lists', requests: 2, calls: ['site.list', 'site.list (red)'] },
  // The caller, the sites in the cells around the place, and the rate limit's write on the caller alongside.
  { what: 'sites near a report (rate-limited)', requests: 3, calls: ['site.nearby'] },
  // The caller, the site, its newest linked cases (and their count when they fill the page).
  { what: "a site's page with its history", requests: 4, calls: ['site.get'] },
  // The caller, the site and the case, the act (two), the history entry, the site's marks.
  { what: 'a case filed under a site', requests: 7, calls: ['case.linkSite'] },
  // The caller, a read and an insert per 100 rows; a changed row is one conditional update of its own.
  {
    what: 'a sheet of 20 sites imported (again: nothing written)',
    requests: 3,
    calls: ['site.import (20 rows)', 'site.import (20 rows, again)'],
  },
  // The caller, the scope's reports of the week in one read; a submission's or merge's conditional
  // replace, after the copy of the version it replaces; the workbook is stored, not a database request.
  {
    what: 'the Thursday report listed, read, exported',
    requests: 2,
    calls: [
      'report.weekly.list',
      'report.weekly.list (district)',
      'report.weekly.get',
      'report.weekly.export',
    ],
  },
  // The caller, the export by id, the count, one page of cases and the finished export's insert; a large
  // export is inserted running instead of reading its page.
  {
    what: 'a case-list export started',
    requests: 5,
    calls: ['export.start', 'export.start (left to the job)'],
  },
  // Per page: the cases after the cursor (and the trails of older cases without figures, when a page has
  // some), the conditional step; the queue read shared by the run.
  { what: 'a case-list export continued, per page (amortized)', requests: 3, calls: [jobRows.exportPage] },
  {
    what: 'an export read, or the caller’s exports listed',
    requests: 2,
    calls: ['export.get', 'export.list'],
  },
  {
    what: 'the exports job with none running (the queue read)',
    requests: 1,
    calls: [jobRows.idle('exports')],
  },
  {
    what: 'the Thursday report submitted (again: with the history copy), merged',
    requests: 4,
    calls: ['report.weekly.submit', 'report.weekly.submit (2nd)', 'report.weekly.merge'],
  },
  {
    what: 'the weekly drafts, per street (its drafts found, the missing inserted, the cursor)',
    requests: 4,
    calls: [jobRows.weeklyDrafts],
  },
  { what: 'one points payment', requests: 5, calls: [jobRows.payment] },
  { what: 'the points projection, per case event (amortized)', requests: 1, calls: [jobRows.projection] },
  { what: 'the relay, per case event copied out (amortized)', requests: 1, calls: [jobRows.relay] },
  // The queue read, the claim, the users' counts read and taken, the settle: each one write for a batch.
  { what: 'the sender, per outbox entry (amortized)', requests: 1, calls: [jobRows.send] },
  // The caller and a page; or the caller, the conditional requeue and the entry read back.
  {
    what: "the district's undelivered messages, and one queued again",
    requests: 3,
    calls: ['notification.deliveries', 'notification.resend'],
  },
  // The caller; the count's update (and its creation at the first tap); the counts read back.
  {
    what: 'recording accepted subscriptions',
    requests: 4,
    calls: ['notification.subscribe', 'notification.subscribe (2nd)'],
  },
  {
    what: 'the stats projection, per case event (amortized)',
    requests: 1,
    calls: [jobRows.statsProjection],
  },
  // The jobs' own: a tick with nothing new costs a read per sweep and per cursor.
  {
    what: 'the case sweeps with nothing due (a read per sweep)',
    requests: 5,
    calls: [jobRows.idle('case-sweeps')],
  },
  {
    what: 'the points job with nothing new (its cursor, the events after it)',
    requests: 2,
    calls: [jobRows.idle('points')],
  },
  {
    what: 'the stats job with nothing new (its cursor, the feed after it)',
    requests: 2,
    calls: [jobRows.idle('stats')],
  },
  {
    what: 'the weekly drafts on any day but the report day (nothing read)',
    requests: 0,
    calls: [jobRows.idle('weekly-report')],
  },
  {
    what: 'the award drafts with no period ended (the cursor)',
    requests: 1,
    calls: [jobRows.idle('award-draft')],
  },
  {
    what: 'the relay with nothing to copy (the backlog read)',
    requests: 1,
    calls: [jobRows.idle('relay'), jobRows.idle('relay-every-minute')],
  },
  {
    what: 'the sender with nothing due (the queue read)',
    requests: 1,
    calls: [jobRows.idle('send'), jobRows.idle('send-every-minute')],
  },
  {
    what: 'the daily bulletin with its day already drafted (the cursor)',
    requests: 1,
    calls: [jobRows.idle('supervision-bulletin')],
  },
  {
    what: 'the case numbers already prepared (a read)',
    requests: 1,
    calls: [jobRows.idle('case-numbers')],
  },
  {
    what: 'the trail checkpoint with its day already signed (the cursor)',
    requests: 1,
    calls: [jobRows.idle('trail-checkpoint')],
  },
  {
    what: 'the screening sweep with no case waiting for a verdict (a read)',
    requests: 1,
    calls: [jobRows.idle('content-screening')],
  },
  {
    // Not a person's act: WeChat's push, one per photo (4 for a photo no case names yet, 6 for one that does).
    what: 'an image verdict pushed to the media-check function, per verdict',
    requests: 6,
    calls: ['media-check push, per verdict'],
  },
]
