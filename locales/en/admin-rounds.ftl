# The administrators' pages for judging: the next step, the rounds and
# their refusals, the jury and its monitor.
adm-next-step = Next step
adm-next-categories = Add the categories people enter in.
adm-next-add-category = Add a category
adm-next-criteria = Add the criteria the jury scores on.
adm-next-add-criterion = Add a criterion
adm-next-open = Categories and criteria are set: open the contest for entries when the call is ready.
adm-next-coming-in = { $entries ->
    [one] Entries are coming in ({ $entries } so far). Close them at the deadline.
   *[other] Entries are coming in ({ $entries } so far). Close them at the deadline.
 }
adm-next-see-entries = See the entries
adm-next-deadline-passed = { $entries ->
    [one] The deadline has passed ({ $entries } entry): close entries to screen them.
   *[other] The deadline has passed ({ $entries } entries): close entries to screen them.
 }
adm-next-flagged = { $n ->
    [one] { $n } portfolio may name its author: screen and redact before judging.
   *[other] { $n } portfolios may name their author: screen and redact before judging.
 }
adm-next-screen = Screen the entries
adm-next-screened = { $entries ->
    [one] { $entries } entry screened: start judging when the jury is ready.
   *[other] { $entries } entries screened: start judging when the jury is ready.
 }
adm-next-no-juror = No juror has accepted yet: invite the jury.
adm-next-invite = Invite jurors
adm-next-round-open = Round { $round } is open: jurors vote. Close it on the rounds page once the votes are in.
adm-next-jury-done = The jury is { $percent }% done. Remind jurors who are behind; finalize when all is scored.
adm-next-watch = Watch the jury
adm-next-all-scored = Every entry is scored: finalize to lock the results.
adm-next-reveal = The results are locked: reveal the names to decide the awards.
adm-next-awards = Names are revealed: assign the prizes, mentions and exhibition.
adm-next-assign = Assign awards
adm-next-announce = { $n ->
    [one] { $n } entry awarded: announce the winners.
   *[other] { $n } entries awarded: announce the winners.
 }
adm-next-announced = The winners are announced.
adm-next-winners = See the winners page
adm-rounds = Rounds
adm-jury = Jury
adm-rounds-intro = Judging goes through the rounds below in order. The first takes every eligible entry; each round's close decides, per category, which entries go on; the criteria round scores on the contest's criteria, and its results are the contest's unless a ranking round follows: then its best N per category (at most 60) are the finalists, every juror orders them, and the orders are combined by the Schulze method (Borda count beside it). Finalizing closes the last round. The entry numbers stay the same in every round, and jurors see only the round open now, never the votes of an earlier one.
adm-rounds-the = The rounds
adm-round = Round
adm-round-kind = Kind
adm-jurors-per-entry = Jurors per entry
adm-round-planned-close = Planned close
adm-status = Status
adm-round-closed = closed
adm-round-open = open
adm-round-not-started = not started
adm-round-add-kind = Add a round
adm-round-add-yes-no = yes / no (shortlist, before the criteria round)
adm-round-add-stars = stars 1–5 (before the criteria round)
adm-round-add-ranking = ranking of the finalists (after the criteria round; every juror, at most 60 per category)
adm-round-quorum-hint = 0: every juror of the category
adm-round-deadline-hint = shown to jurors; optional
adm-round-add = Add round
adm-round-remove-last = Remove the last round
adm-round-open-title = Round { $round } is open
adm-round-open-criteria = Round { $round } is open: criteria
adm-round-all-scores-in = Every score of this round is in.
adm-round-all-votes-in = Every vote of this round is in.
adm-round-open-assignments = Assignments neither scored nor recused:
adm-round-votes-not-cast = Votes not cast yet:
adm-round-quorum-this = Jurors per entry in this round
adm-change = Change
adm-round-quorum-change-hint = Lowering it takes unvoted work away; raising it hands more out. Votes cast always stay. A juror removed on the jury page has their unvoted work handed to the others.
adm-round-close-criteria = Close the criteria round: choose the finalists
adm-round-close = Close the round
adm-category = Category
adm-entries = Entries
adm-round-advance-mean = Advance: mean vote at least…
adm-round-finalists-score = Finalists: score at least…
adm-round-or-best = …or the best
adm-round-advancing = Advancing
adm-round-threshold-for = Threshold for { $name }
adm-round-threshold = { $n ->
    [one] ≥ { $at }: { $n } entry
   *[other] ≥ { $at }: { $n } entries
 }
adm-round-best-of = Best N of { $name }
adm-round-criteria-hint = The ranking round takes at most 60 finalists per category: the scores offered are those that send at most 60. Entries tied at the cut of a “best N” all go on.
adm-round-vote-hint = Yes counts 1 and no 0, so a mean of 0.50 is half the votes yes. Entries tied at the cut of a “best N” all advance.
adm-preview = Preview
adm-round-close-confirm = Close round { $round }? Its votes are locked and the entries counted above go on.
adm-round-close-missing = Close with votes missing
adm-round-reason-hint = published with the round
adm-round-close-button = Close round { $round } with these rules
adm-round-preview-first = Preview a rule for every category to close the round.
adm-round-open-ranking = Round { $round } is open: ranking
adm-round-all-ranked = Every juror has saved a ranking of every category.
adm-round-places-missing = Places not given yet:
adm-round-ranking-close-intro = Closing the ranking round is the finalization: the rankings are combined (Schulze, Borda beside it), the round's snapshot and the results are stored with their hashes, and nothing can change after.
adm-round-ranking-confirm = Close the ranking round and finalize the results?
adm-finalize-reason-published = published with the results
adm-round-ranking-close = Close the ranking round and finalize
round-jurors-criteria = { $n ->
    [0] every juror of the category (set on the jury page)
   *[other] { $n } (set on the jury page)
 }
round-jurors-every = every juror of the category
round-closed = { $advanced ->
    [one] Round { $round } closed: { $advanced } entry advances. Its hash is published on the contest page.
   *[other] Round { $round } closed: { $advanced } entries advance. Its hash is published on the contest page.
 }
round-judging-started = Rounds are set up before judging starts; once it has, they stay as they are.
round-bad = Choose the round's kind, a quorum from 0 (every juror) to 50, and a deadline as YYYY-MM-DD HH:MM (or none).
round-one-ranking = This contest has its ranking round already: it comes after the criteria round.
round-finalists-limit = The finalists of the criteria round are its best N per category, and a ranking round takes at most 60 per category (entries tied at the cut all go on): choose fewer.
round-rule-needed = Choose, for every category, a threshold or a number of entries that advance.
round-work-missing = { $open } votes are not cast yet: { $jurors }. Wait for them, or tick “Close with votes missing” and give a reason.
round-reason = Closing with votes missing needs a reason (1000 characters at most); it is published with the round.
finalize-not-judging = Only a contest in judging can be finalized; this one is “{ $name }”.
finalize-work-missing = { $open } assignments are neither scored nor recused: { $jurors }. Wait for them, or tick “Finalize with work missing” and give a reason.
finalize-ranking-missing = { $open } places of the ranking round are not given yet: { $jurors }. Wait for them, or tick “Finalize with work missing” and give a reason.
finalize-round-open = Round { $round } is still open. Close it (Jury → Rounds) and score the entries it advances before finalizing.
finalize-criteria-open = A ranking round follows the criteria round: close the criteria round first (Jury → Rounds), choosing the finalists; finalizing then closes the ranking round.
finalize-reason = Finalizing with work missing needs a reason (1000 characters at most); it is published with the results.
adm-jury-fixed = The results are finalized; the jury can no longer change.
adm-jury-quorum-range = Jurors per entry: 0 (everyone scores everything) up to 50.
adm-jury-quorum-fixed = The assignment mode is fixed once judging has started.
adm-jury-category-needed = Choose at least one category for this juror.
adm-jury-emailed = Emailed to { $email }.
adm-jury-not-emailed = Could not email it ({ $error }): send the link yourself.
adm-invite-already = { $email } is already on this jury.
adm-invite-participant = { $email } has entered this contest, so they cannot judge it.
adm-invite-admin = { $email } is an administrator: administrators see who entered, so they cannot sit on a blind jury.
adm-jury-quorum-is = { $n ->
    [0] every juror scores every entry of their categories
    [one] { $n } juror per entry
   *[other] { $n } jurors per entry
 }
adm-jury-send-link = Send this one-time link to { $email }. It works once, for 14 days; it is not shown again (you can make a new one).
adm-jurors = Jurors
adm-jury-none = No juror yet. Invite them below.
adm-juror = Juror
adm-jury-scored = Scored
adm-jury-recused = Recused
adm-jury-last-activity = Last activity
adm-jury-mean = Mean
adm-jury-sd = SD
adm-jury-removed = removed
adm-jury-active = active
adm-jury-invited = invited
adm-jury-new-link = New link
adm-jury-short = Entries with fewer than { $n } jurors (invite more jurors for their category):
adm-jury-not-finished = Not finished
adm-jury-reminders = { $n ->
    [one] { $n } juror still has entries to score or an invitation to accept:
   *[other] { $n } jurors still have entries to score or an invitation to accept:
 }
adm-jury-reminder-subject = Jury reminder
adm-jury-write = Write to them
adm-jury-invite = Invite a juror
adm-email = Email
adm-jury-categories = Categories they judge
adm-jury-lang = Language of the invitation email
adm-jury-lang-hint = an existing account's own choice comes first
adm-jury-invite-button = Invite
adm-jury-assignment = Assignment
adm-jury-assignment-fixed = Fixed since judging started.
adm-jury-quorum-hint = 0: every juror scores every entry of their categories
adm-jury-quorum-explained = With a number k, each entry gets k jurors with an even load, decided when judging starts and rebalanced when a juror joins, leaves or steps aside (scored work never moves).
