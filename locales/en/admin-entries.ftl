# The administrators' screening page, the system page, the contest's
# languages page and the plots.
screening-title = Screening
screening-total = { $n ->
    [one] { $n } portfolio.
   *[other] { $n } portfolios.
 }
screening-total-filtered = { $n ->
    [one] { $n } portfolio shown by this filter.
   *[other] { $n } portfolios shown by this filter.
 }
screening-intro = Eligibility answers are for screening only; jurors see numbers, photos and the (redacted) texts.
screening-pairs-between = { $n ->
    [one] { $n } pair of photos by two participants looks like one photograph or comes from one camera: see the entries marked “like another’s photo”.
   *[other] { $n } pairs of photos by two participants look like one photograph or come from one camera: see the entries marked “like another’s photo”.
 }
screening-pairs-within = { $n ->
    [one] { $n } pair of similar photos within one portfolio (sibling shots).
   *[other] { $n } pairs of similar photos within one portfolio (sibling shots).
 }
screening-undated = { $n ->
    [one] { $n } photo carries no capture date in its file; the contest asks for photos taken { $window }.
   *[other] { $n } photos carry no capture date in their file; the contest asks for photos taken { $window }.
 }
window-between = from { $from } to { $until }
window-after = on or after { $from }
window-before = on or before { $until }
window-any = at any time
screening-frozen-note = Judging has started: entries are frozen.
screening-frozen = Entries are frozen once judging has started.
screening-filter = Filter the entries
screening-show = Show:
screening-category = Category:
screening-show-all = All
screening-show-names = May name their author
screening-show-alike = Like another’s photo
screening-show-disqualified = Disqualified
screening-all-categories = all
screening-none = No entry yet.
screening-none-here = No entry on this page of this filter.
screening-may-reveal = may reveal identity
screening-like-another = like another’s photo
screening-university = University
screening-consent = Name may be published
screening-yes = yes
screening-no = no
screening-number = Entry number
screening-flag = Flag
screening-status-reason = Status reason
amend-summary = Correct the name, country or university
amend-full-name = Full name
amend-reason-hint = kept in the audit log; after judging opens, verify reports the correction
amend-button = Correct identity
amend-done = Identity corrected; the change is in the audit log and verify reports it.
amend-name = The corrected name is required (200 characters at most).
amend-country = Choose one of the contest's countries.
amend-university = The university is too long (200 characters at most).
amend-reason = Give the reason for the correction (1000 characters at most); it is published with the proof.
amend-unchanged = Nothing to correct: the name, country and university are as entered.
screening-photo-n = Photo { $n }
screening-jury-sees = jury sees: “{ $text }”
screening-original = original
screening-download-logged = (download is logged)
screening-taken = Taken:
screening-no-date = no date in the file
screening-camera = Camera:
screening-other-photo = The other photo
screening-other-photo-n = The other photo, entry { $number }
screening-title-for-jury = Title for the jury
screening-redact-title = Redact title
screening-caption-for-jury = Caption for the jury
screening-redact-caption = Redact caption
screening-story = Story
screening-redacted-copy = The jury sees the redacted copy:
screening-story-for-jury = Story for the jury
screening-redact-story = Redact story
screening-disqualify-confirm = Disqualify this entry? It will not reach the jury.
screening-requalify = Requalify
screening-disqualify = Disqualify
screening-pages = Pages
screening-previous = Previous
screening-next = Next
screening-page-of = Page { $page } of { $pages }
pair-same-pixels-within = The same pixels as another photo of this portfolio
pair-similar-within = Similar to another photo of this portfolio (a sibling shot?)
pair-same-pixels = The same pixels as a photo entered by { $who }
pair-near = The same photograph as one entered by { $who } (edited: { $bits } of 64 bits differ)
pair-mirrored = The same photograph, mirrored, as one entered by { $who }
pair-camera = Taken with the same camera body (serial number) as a photo of { $who }
pair-image-id = The same exposure (EXIF image id) as a photo of { $who }
system-intro = What this server runs on and what needs attention. Operations are described in docs/operations.md.
system-attention = Needs attention
system-this-server = This server
system-version = Version
system-build = { $profile ->
    [debug] debug build
   *[release] release build
 }
system-database = Database
system-data-dir = Data dir
system-used = { $used } in { $files } files
system-disk = Disk
system-photos = Photos stored
system-photos-where = on local disk, named by SHA-256, in the data dir folder
system-last-backup = Last backup
system-retention = Retention of originals
system-retention-intro = After the winners are announced, the originals and images of entries that won nothing (no award, not picked for the exhibition) are deleted once this many days have passed. The rows and their hashes stay, so the results and photojury verify still hold. Empty: kept until you change it.
adm-no-contest-short = No contest yet.
system-announced = Announced
system-photos-col = Photos
system-deleted = Files deleted
system-keep-days = Keep for (days)
system-days-for = Days to keep the originals of { $title }
system-pool = { $open } connections open, { $idle } idle, at most { $max }
system-low-disk = The data dir's disk is { $percent }% free ({ $free } of { $total }): uploads will fail when it is full.
system-disk-unknown = The data dir's free space cannot be read.
system-no-backup = No backup has been made: run “photojury backup --to DIR” (docs/operations.md).
system-old-backup = The last backup is older than 24 hours ({ $when }).
system-free-of = { $free } free of { $total }
system-unknown = unknown
system-never = never
retention-saved = Retention saved.
texts-title = The contest in other languages
texts-intro = Participants, jurors and visitors read the title, theme, call, rules, categories and criteria in their language where you give it here, and as written on the contest's page otherwise.
texts-own = The contest's own language
texts-own-label = The contest's page is written in
texts-in = Texts in
texts-save = Save the texts in { $lang }
texts-saved = Texts in { $lang } saved.
texts-own-saved = The contest's own text is in { $lang }.
texts-category-name = Category “{ $name }”: name
texts-category-description = Category “{ $name }”: who it is for
texts-criterion-name = Criterion “{ $name }”: name
texts-criterion-description = Criterion “{ $name }”: what jurors look for
adm-audit-intro = Every administrative action, newest first. Rows cannot be edited or deleted.
adm-audit-empty = Nothing has been logged yet.
adm-audit-when = When
adm-audit-who = Who
adm-audit-action = Action
adm-audit-details = Details
