# The public pages: the list of contests, a contest's call, its winners.
contests-title = Photo contests
contests-lead = Submit your photographs and their story. A jury scores every entry by number, without knowing who made it; names are disclosed only after the evaluation is complete.
contests-none = No contest is open yet. Come back soon.
status-draft = Draft: only administrators can see this page.
status-opens = Opens on { $when }
status-open = Open for entries: { $left }
status-deadline-passed = Entries closed: the deadline has passed.
status-closed = Entries closed: the jury meets soon.
status-judging = The jury is at work.
status-finalized = Judging is complete; winners will be announced soon.
status-announced = Winners announced.
contest-kicker = Call for entries
contest-see-winners = See the winners
contest-go-to-entry = Go to your entry
contest-enter = Enter this contest
contest-about = About
contest-rules = Rules
contest-dates = Dates
contest-opens = Entries open
contest-deadline = Deadline
contest-how-to-enter = How to enter
contest-entered = You have entered this contest.
contest-entered-change = You can change your entry until the deadline.
contest-step-eligible = Check that you are eligible (see the rules and the countries below).
contest-step-press-enter = Press “Enter this contest”.
contest-step-register = Create an account
contest-step-sign-in = Sign in
contest-step-upload = Choose your category, upload your photographs with titles and captions, and write your story.
contest-categories = Categories
contest-up-to-photos = { $n ->
    [one] up to 1 photo
   *[other] up to { $n } photos
}
contest-how-scored = How the jury scores
contest-scale = { $min }–{ $max }
contest-weight = weight { $weight }
contest-who-may-enter = Who may enter
contest-citizens-of = Citizens of:
proof-title = A jury that could not know
proof-commitment = When judging opened, every entry number was bound by a salted hash to its author, the name it will be credited under, its original files and the images the jury sees, and this commitment to all of them was published:
proof-round = Round { $round } closed with the hash
proof-results = The results were locked with the hash
proof-revealed = The names are revealed:
proof-download = download the mapping and salts
proof-check-with = Check them with
proof-later = The salts and the mapping are published when the names are revealed, so anyone can check this.
winners-title = Winners: { $contest }
winners-kicker = Winners
winners-none = No award in this category.
winners-way = Through the rounds: { $way }
winners-exhibition = Selected for the exhibition
award-first = 1st prize
award-second = 2nd prize
award-third = 3rd prize
award-mention = Honourable mention
# An entry's way through the rounds, step by step.
way-place = place { $place } (Borda { $borda })
way-not-ranked = not ranked
way-score = score { $score }
way-no-vote = no vote
way-yes = { $yes } of { $of } yes
way-stars = ★ { $mean }
# A participant's own result when no award was given.
result-band = { $band ->
    [top10] top 10%
    [top25] top 25%
    [top50] top half
   *[rest] second half
} of { $of ->
    [one] the only entry
   *[other] { $of } entries
}
result-left-out = did not go on after round { $round }
