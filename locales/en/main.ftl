# The layout of every page: header, footer, skip link, language switcher.
# Keys are the same in every language; tests/api/languages.rs checks it.
site-skip = Skip to content
site-nav = Main
nav-contests = Contests
nav-admin = Admin
nav-account = Your account
nav-sign-out = Sign out
nav-sign-in = Sign in
nav-register = Register
site-footer = photojury · every entry is judged by number only
language-label = Language

# Shared by many pages: form fields, numbers, dates, pagers.
form-email = Email
form-password = Password
form-password-hint = at least 8 characters
form-password-again = Password again
form-new-password = New password
form-new-password-again = New password again
form-current-password = Current password
form-your-password = Your password
form-choose = Choose…
form-correct = Please correct the following:
entry-number = Entry { $number }
entry-photo-n = Photo { $n }
photo-alt = Entry { $number }, photo { $index }
pager-first = First
pager-previous = Previous { $n }
pager-next = Next { $n }
phase-name = { $phase ->
    [draft] Draft
    [open] Open
    [closed] Closed
    [judging] Judging
    [finalized] Finalized
    [revealed] Names revealed
    [announced] Winners announced
   *[other] { $phase }
}
# Dates: "31 December 2026, 23:59 (Asia/Tashkent, UTC+05:00)".
time-long = { $day } { $month } { $year }, { $time } ({ $zone })
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
time-left-days = { $big ->
    [one] 1 day
   *[other] { $big } days
}, { $small ->
    [one] 1 hour
   *[other] { $small } hours
} left
time-left-hours = { $big ->
    [one] 1 hour
   *[other] { $big } hours
}, { $small ->
    [one] 1 minute
   *[other] { $small } minutes
} left
time-left-minutes = { $big ->
    [one] 1 minute
   *[other] { $big } minutes
} left
