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
