# The administrators' refusals that reach an error page. (The admin pages
# themselves are in English for now: docs/known-gaps.md.)
admin-awards-after-finalize = Awards are decided once the results are finalized.
round-none-open = No round can be closed now; reload the page to see where judging stands.
retention-not-days = Give the days as a whole number from 0 to 36500, or leave the field empty to keep the files.
