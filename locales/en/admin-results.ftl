# The administrators' results, awards and finalist verification pages.
adm-awards = Awards
adm-results-csv = Results CSV
adm-winners-csv = Winners CSV
adm-originals-zip = Winners' originals (ZIP)
adm-results-locked = Finalized; the scores are locked. Results SHA-256:
adm-results-commitment = Commitment published when judging opened:
adm-results-blind = Names are not shown next to scores until the names are revealed (the next phase, on the contest page).
adm-results-revealed = Names revealed. The mapping and salts are public:
adm-results-forced = Finalized with work missing: { $reason }
adm-results-jurors = Entries by number, jurors by letter ({ $letters }).
adm-results-weighted = A juror's score is the weighted mean of their criteria
adm-results-explained = the entry's is the mean over its jurors. Normalized: each juror's scores as z-scores, rescaled to the scale.
adm-no-entry = No entry.
adm-col-rank = Rank
adm-col-entry = Entry
adm-col-photo = Photo
adm-col-photographer = Photographer
adm-col-country = Country
adm-col-award = Award
adm-col-score = Score
adm-col-median = Median
adm-col-top-marks = Top marks
adm-col-normalized = Normalized
adm-col-rank-normalized = Rank, normalized
adm-col-sheets = Sheets
adm-tie = tie
adm-results-later = The results appear here when the contest is finalized (on the contest page, once judging is done).
adm-awards-saved-note = These are the saved awards.
adm-awards-not-saved = Not saved yet: the form shows what the ranking suggests.
adm-awards-basis-normalized = The suggestion follows the normalized ranking (each juror's scores as z-scores).
adm-awards-follow-raw = Follow the raw ranking
adm-awards-basis-raw = The suggestion follows the raw ranking (mean of the jurors' weighted scores).
adm-awards-follow-normalized = Follow the normalized ranking
adm-awards-suggests = Ranking suggests
adm-awards-exhibition = Exhibition
adm-awards-for = Award for entry { $number }
adm-awards-none = none
adm-awards-selected = selected
adm-awards-share = Share the jurors' comments with each participant (on their account page, once the winners are announced)
adm-awards-reason-hint = needed when an award differs from the ranking; kept in the audit log
adm-awards-save = Save awards
adm-awards-fixed-announced = The awards are fixed: the winners are announced.
adm-awards-fixed-early = The awards are fixed: the results are not finalized yet.
awards-saved = Awards saved.
awards-no-entry = There is no entry { $number } in these results.
awards-not-an-award = That is not an award.
awards-one-entry-only = { $award ->
    [first] { $category }: the 1st prize can go to one entry only, not to { $numbers }.
    [second] { $category }: the 2nd prize can go to one entry only, not to { $numbers }.
   *[third] { $category }: the 3rd prize can go to one entry only, not to { $numbers }.
 }
awards-not-now = Awards are decided after finalizing and before the winners are announced.
awards-reason-long = The reason can be 1000 characters at most.
awards-reason-needed = { $count ->
    [one] The award of entry { $numbers } differs from the ranking: give a reason.
   *[other] The awards of entries { $numbers } differ from the ranking: give a reason.
 }
awards-disqualified = { $count ->
    [one] Entry { $numbers } was disqualified: it can get neither an award nor the exhibition.
   *[other] Entries { $numbers } were disqualified: they can get neither an award nor the exhibition.
 }
adm-verification-title = Finalist verification
adm-verification-intro = Ask the authors of shortlisted entries for each photo's camera original (the RAW file, or the JPEG as it came out of the camera), then compare what the file says with the entry. Files are stored privately and never reach the jury. Entries are named by number: names stay hidden until the reveal.
adm-verification-ask = Ask for camera originals
adm-verification-numbers = Entry numbers
adm-verification-numbers-hint = separated by spaces or commas
adm-verification-top = Or the entries ranked this high in each category
adm-verification-top-hint = e.g. 3 for the top three, ties included
adm-verification-ask-button = Ask the authors
adm-verification-requests = Requests
adm-verification-none = Nothing asked for yet.
adm-verification-overdue = overdue
adm-verification-what = What
adm-verification-entry = The entry
adm-verification-original = The camera original
adm-verification-size = Size
adm-verification-camera = Camera
adm-verification-taken = Taken
adm-verification-file = File
adm-bytes = { $n } bytes
adm-download = download
adm-logged = (logged)
adm-verification-nothing-yet = nothing received yet; due { $due }
adm-reason-is = Reason: { $reason }
adm-verification-accept = Accept entry { $number }'s original
adm-verification-disqualify-confirm = Disqualify this entry? It can then get neither an award nor the exhibition.
adm-verification-disqualify = Disqualify entry { $number }
adm-reason-needed = Give a reason (1000 characters at most); it is kept in the audit log.
verification-requested = asked, nothing received yet
verification-received = received, to check
verification-accepted = accepted
verification-disqualified = disqualified
verification-wrong-phase = Camera originals can be asked for once the results are finalized, until the winners are announced.
verification-no-entries = Name the entries to verify: their numbers, or how many of the top of each category.
verification-unknown-entry = There is no entry { $number } in this contest.
verification-bad-deadline = Give a deadline in the future, as a date and time.
verification-nothing-to-accept = Nothing has been received for this photo yet: it can be disqualified, not accepted.
verification-decided = This request has already been decided.
# The CSV exports' columns: in English the names scripts read; in the other
# languages what a person opening the file in a spreadsheet reads.
csv-column = { $name ->
    [category] category
    [rank] rank
    [entry] entry
    [award] award
    [score] score
    [median] median
    [jurors] jurors
    [top_marks] top_marks
    [tie] tie
    [normalized] normalized
    [rank_normalized] rank_normalized
    [name] name
    [country] country
    [university] university
    [exhibition] exhibition
    [titles] titles
    [email] email
   *[name_may_be_published] name_may_be_published
 }
csv-yes = yes
csv-no = no
plot-submissions = Entries per category
plot-days-since-open = days since entries opened
plot-entries = entries
plot-jurors = How each juror scores
plot-categories = Scores per category
plot-score = score
plot-share = % of scores
