# Error pages and the messages of errors any page can meet.
error-title = { $status ->
    [400] The request could not be read
    [401] Please sign in
    [403] Not allowed
    [404] Not found
    [405] Not allowed here
    [408] Too slow
    [409] Not possible now
    [410] This link no longer works
    [413] Too large
    [422] The form was not sent as expected
    [429] Too many attempts
    [503] Unavailable for a moment
   *[other] Something went wrong
}
error-back = Back to the contests
error-code = Error { $status }
error-not-found = There is nothing at this address.
error-csrf = This form has expired or did not come from this site. Go back, reload the page and try again.
error-sign-in = Please sign in.
error-too-many = Too many attempts. Wait a minute and try again.
error-internal = Something went wrong on our side. It has been logged; please try again.
error-method = This address does not take that kind of request.
error-timeout = The request took too long to arrive and was stopped. Nothing was saved; try again.
error-too-large = What was sent is too large. Nothing was saved.
error-form = This form was not sent as expected. Go back, reload the page and try again.
error-bad-request = This request could not be understood. Go back, reload the page and try again.
error-database-down = The contest database is not answering right now. Nothing was changed; please try again in a minute.
error-storage-down = The server cannot store photos right now (its storage is full, not writable or cannot be reached). Nothing was saved and the organisers can see why in the log; please try again later.
error-uploads-busy = The server is receiving many photos at this moment. Nothing was saved; please try again in a minute.
error-unknown-choice = This choice is not one the page offers. Reload the page and try again.
error-form-too-large = This form is too large.
error-admins-only = This page is for contest administrators.
error-phase-changed = Someone else changed this contest's phase just now. Reload and try again.
