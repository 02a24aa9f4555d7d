# The administrators' pages: the list of contests, a contest's dashboard,
# its form, the phases and the next step.
admin-awards-after-finalize = Awards are decided once the results are finalized.
round-none-open = No round can be closed now; reload the page to see where judging stands.
retention-not-days = Give the days as a whole number from 0 to 36500, or leave the field empty to keep the files.
adm-title = Admin
adm-contests = Contests
adm-contest = Contest
adm-new-contest = New contest
adm-audit-log = Audit log
adm-system = System
adm-no-contest = No contest yet. Create the first one.
adm-phase = Phase
adm-phase-line = Phase:
adm-deadline = Deadline
adm-deadline-at = Deadline { $at }
adm-all-contests = All contests
adm-new-contest-intro = The contest starts as a draft, visible only to administrators. Add categories and criteria, then open it for entries.
adm-create-draft = Create draft
adm-field-title = Title
adm-field-slug = Web address
adm-field-slug-hint = /contests/… (a-z, 0-9, hyphens; fixed once published)
adm-field-theme = Theme
adm-field-call = Call for entries
adm-field-rules = Rules
adm-field-timezone = Time zone
adm-field-timezone-hint = e.g. Asia/Almaty
adm-field-opens = Entries open
adm-field-max-photos = Photos per portfolio
adm-field-min-edge = Minimum long edge
adm-field-min-edge-hint = pixels (2560: the size jurors see); smaller photos are enlarged to it for the jury, which hides their own size; empty: any size
adm-field-taken = Photos taken
adm-field-taken-hint = by the camera's clock (EXIF); a photo outside is refused with its date named, one without a date is flagged for screening; empty: any time
adm-field-taken-from = From
adm-field-taken-until = To (inclusive)
adm-field-unit = The jury scores
adm-field-unit-hint = each photo: jurors do not read the story (it would tie a portfolio's photos together); the whole portfolio: they read it
adm-field-unit-photo = each photo
adm-field-unit-portfolio = the whole portfolio
adm-field-digits = Entry numbers
adm-field-digits-hint = drawn at random among the free ones; fixed once the contest opens
adm-field-digits-5 = 5 digits (up to 30 000 entries)
adm-field-digits-6 = 6 digits (up to 300 000 entries)
adm-field-digits-7 = 7 digits (more)
adm-field-countries = Eligible countries
adm-field-countries-hint = one per line
adm-finalize-missing-open = Finalize with work missing…
adm-finalize-missing = Finalize with work missing
adm-reason = Reason
adm-finalize-reason-hint = needed only with work missing; published with the results
phase-action = { $phase ->
    [draft] Back to draft
    [open] Open for entries
    [closed] Close entries
    [judging] Start judging
    [finalized] Finalize results
    [revealed] Reveal names
   *[announced] Announce winners
 }
phase-confirm = { $phase ->
    [judging] Start judging? The entries are frozen from now on.
    [finalized] Finalize? The scores are locked for good.
    [revealed] Reveal the names? Admins will see who made each entry.
   *[announced] Announce the winners? The winners page becomes public.
 }
phase-done = { $phase ->
    [revealed] Names revealed. The mapping and salts are now public.
    [announced] Winners announced: the winners page is public.
   *[other] The contest's phase is now: { $name }.
 }
phase-unknown = There is no such phase.
phase-no-way-back = The results are finalized; the contest cannot go back to “{ $to }”.
phase-already = The contest is already “{ $to }”.
phase-no-move = A contest cannot move from “{ $from }” to “{ $to }”.
phase-needs-category = Add at least one category before opening the contest.
phase-needs-criterion = Add at least one scoring criterion before opening the contest.
phase-deadline-past = The deadline is in the past; move it later before opening.
phase-close-early = Entries stay open until the deadline. To close early, move the deadline first.
phase-reopen-late = The deadline has passed; move it later before reopening.
phase-judging-early = Judging cannot start before the submission deadline.
adm-finalized = Finalized: the scores are locked and the results hash is published.
adm-awards-first = Assign the awards (Results → Awards) before announcing the winners.
adm-form-required = { $field ->
    [title] The title is required.
    [theme] The theme is required.
    [description] The call for entries is required.
   *[rules] The rules are required.
 }
adm-form-too-long = { $field ->
    [title] The title is too long ({ $max } characters at most).
    [theme] The theme is too long ({ $max } characters at most).
    [description] The call for entries is too long ({ $max } characters at most).
   *[rules] The rules are too long ({ $max } characters at most).
 }
adm-form-slug = The web address may use a-z, 0-9 and hyphens, 3 to 60 characters.
adm-form-slug-taken = Another contest already uses this web address.
adm-form-timezone = “{ $name }” is not a time zone name like Asia/Tashkent.
adm-form-time = { $field ->
    [opening] Enter the opening time as a date and time.
    [due] Enter the deadline for the originals as a date and time.
   *[deadline] Enter the deadline as a date and time.
 }
adm-form-time-gap = { $field ->
    [opening] The opening time falls in a clock change in { $zone }; pick another time.
   *[deadline] The deadline falls in a clock change in { $zone }; pick another time.
 }
adm-form-deadline-order = The deadline must come after the opening time.
adm-form-max-photos = The photo limit is a number from 1 to 100.
adm-form-unit = Choose whether each photo or the whole portfolio is judged.
adm-form-country-long = A country name is at most 100 characters.
adm-form-countries = List at least one eligible country, one per line.
adm-form-min-edge = The minimum resolution is a number of pixels from 0 to 12000, or empty.
adm-form-digits = Entry numbers have 5, 6 or 7 digits.
adm-form-capture-order = The first capture day must not come after the last.
adm-form-capture-day = { $which ->
    [first] The first capture day is a date like 2017-01-31 (from 1990 to 2100), or empty.
   *[last] The last capture day is a date like 2017-01-31 (from 1990 to 2100), or empty.
 }
adm-form-slug-fixed = The web address is fixed once the contest is published.
adm-form-unit-fixed = Whether photos or portfolios are judged is fixed once the contest is published.
adm-form-frozen = Dates, limits and eligibility are frozen once judging has started.
adm-category-name = Give the category a name (120 characters at most).
adm-category-max-photos = The photo limit of a category is a number from 1 to 100, or empty.
adm-category-closed = Categories cannot be added once entries have closed.
adm-category-exists = There is already a category called “{ $name }”.
adm-category-remove-draft = Categories can only be removed while the contest is a draft.
adm-criterion-name = Give the criterion a name (120 characters at most).
adm-criterion-weight = The weight is a positive number, such as 1 or 2.5.
adm-criterion-scale = The scale runs from a lower to a higher whole number, such as 1 to 10.
adm-criteria-frozen = Criteria are frozen once judging has started.
adm-criterion-exists = There is already a criterion called “{ $name }”.
adm-public-page = Public page
adm-results = Results
adm-verification = Verification
adm-languages = Languages
adm-last-phase = This contest has reached its last phase.
adm-glance = At a glance
adm-glance-names = may name their author
adm-glance-alike = pairs like another’s photo
adm-glance-done = jury done ({ $scored } scored, { $recused } recused of { $assigned })
adm-glance-progress = Jury progress
plot-submissions-alt = Entries per category over time
plot-jurors-alt = How each juror spreads their scores
plot-categories-alt = Score distribution per category
adm-categories = Categories
adm-no-category = No category yet.
adm-university-badge = university
adm-up-to-photos = { $n ->
    [one] up to { $n } photo
   *[other] up to { $n } photos
 }
adm-remove = Remove
adm-name = Name
adm-category-who = Who it is for
adm-category-limit = Photo limit
adm-category-limit-hint = empty: the contest's
adm-category-university = Participants name their university
adm-category-add = Add category
adm-categories-fixed = Categories are fixed once entries have closed.
adm-criteria = Scoring criteria
adm-no-criterion = No criterion yet.
adm-criterion-weight-is = weight { $weight }
adm-criterion-what = What jurors look for
adm-criterion-weight-label = Weight
adm-scale-to = To
adm-criterion-add = Add criterion
adm-details = Details
adm-save = Save
