# Accounts: signing in, registering, passwords, the account page.
login-title = Sign in
login-new-here = New here?
register-title = Create an account
register-lead = You need an account to enter a contest. Your name and details are asked for later, with your entry, and are never shown to the jury.
register-button = Create account
register-already = Already registered?
forgot-title = Forgot your password?
forgot-no-mail = This site cannot send email, so it cannot send you a link. Ask the contest's organisers for help.
forgot-sent = If an account uses { $email }, we sent it a link to choose a new password. The link works for an hour.
forgot-lead = Enter the address you registered with; we will email it a link to choose a new password.
forgot-button = Send me a link
forgot-back = Back to sign in
reset-title = Choose a new password
reset-signs-out = This signs you out everywhere else.
reset-button = Set the new password
confirm-title = Confirm your email address
confirm-lead = Press the button to confirm this address and sign in.
confirm-button = Confirm my address
check-email-title = Check your email
check-email-sent = We sent a message to { $email }. Open the link in it to confirm the address and finish creating your account. The link works for 48 hours.
check-email-already = If this address already has an account, the message says so and lets you choose a new password instead. Nothing arrived after a few minutes? Look in the spam folder, or register again to get a new link.
check-email-again = Register again
deleted-title = Account deleted
deleted-heading = Your account has been deleted
deleted-summary = { $removed ->
    [one] 1 entry was deleted with its photos
   *[other] { $removed } entries were deleted with their photos
}; { $withdrawn ->
    [one] 1 entry already judged was withdrawn
   *[other] { $withdrawn } entries already judged were withdrawn
}: your name is no longer held and your original files are deleted.
setup-title = First-run setup
setup-heading = Create the first administrator
setup-lead = This link works once. The account you create here sets up contests and invites the jury.
setup-button = Create administrator
account-signed-in-as = Signed in as { $email }.
account-confirm-first = Confirm your email address before you enter a contest or accept a jury invitation: open the link we emailed to you.
account-send-again = Send the link again
account-contests = Your contests
account-no-contest = You have not entered a contest yet.
account-see-contests = See the open contests
account-role-juror = jury member
account-role-participant = participant
account-participant-id = Your participant id is { $id }: the mapping published when names are revealed lists your entries under it, next to the SHA-256 of each original on your receipt.
account-results = Your results
account-exhibition = selected for the exhibition
account-jurors-wrote = What the jurors wrote
account-language-lead = Pages and the emails we send you are in this language, on every device you sign in on.
account-change-password = Change password
account-change-signs-out = Changing it signs you out everywhere else.
account-data = Your data
account-data-lead = Download everything this site holds about you: your account, what you entered (names, consents, story, titles, captions), your originals still stored, your jury scores and comments, and the actions logged under your account. A ZIP with a JSON file and your photos.
account-data-button = Download my data
account-delete = Delete your account
account-delete-lead = Entries in contests whose judging has not started are deleted with their photos. Entries already being judged, or judged, are withdrawn: your name, country and university are removed and never published, your original files are deleted, and the entry number, its images and its scores stay so the published results remain verifiable. This cannot be undone.
account-delete-confirm = I want my account and entries deleted
account-delete-button = Delete my account
account-registered-notice = If this address had no account, it has one now: sign in with the password you chose.
account-login-failed = That email and password do not match an account.
account-email-shape = Enter an email address like name@example.org.
account-email-in-use = An account with this email already exists. Sign in instead.
account-password-short = Use at least { $min } characters for the password.
account-password-long = That password is too long ({ $max } characters at most).
account-passwords-differ = The two passwords differ.
account-new-passwords-differ = The two new passwords differ.
account-current-password-wrong = The current password is not right.
account-password-wrong = The password is not right.
account-password-changed = Password changed. Your other sessions have been signed out.
account-email-confirmed = Your email address is confirmed.
account-confirmation-resent = We sent a new confirmation link to { $email }.
account-link-dead = This link has expired or has already been used. Sign in to ask for a new one, or register again with the same address.
account-delete-tick = Tick the box to confirm that you want your account and entries deleted.
account-delete-admin = An administrator's account cannot delete itself: ask another administrator to take away your role first.
