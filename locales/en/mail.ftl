# Emails, in the recipient's language. Each has a subject and a body.
mail-invitation-subject = You are invited to the jury of { $contest }
mail-invitation-body =
    Hello,

    You are invited to the jury of “{ $contest }”.

    Jurors score numbered entries by the contest's criteria; you will not see who made them.
    Open this link to accept and choose your password (it works once, for { $days ->
        [one] 1 day
       *[other] { $days } days
    }):

    { $link }

    If you did not expect this invitation, ignore this email.
mail-camera-subject = { $contest }: please send the camera originals of your entry
mail-camera-body =
    Hello,

    Your entry in { $contest } is among those the jury shortlisted. Before the
    results are announced, the organisers check each shortlisted photograph
    against its camera original: the RAW file, or the JPEG as it came out of
    the camera.

    Please send it for each photo listed on your account page by { $due }:

    { $link }

    The file is seen by the organisers only, never by the jury.
mail-confirm-subject = Confirm your email address for photojury
mail-confirm-body =
    Hello,

    Someone (we hope you) created a photojury account with this address.
    Open this link to confirm it (it works once, for { $hours } hours):

    { $link }

    If it was not you, ignore this email: nothing happens without the link.
mail-already-subject = You already have a photojury account
mail-already-body =
    Hello,

    Someone (we hope you) tried to create a photojury account with this address,
    which already has one. Sign in here:

    { $sign_in }

    Forgot the password? This link lets you choose a new one (it works once, for { $minutes } minutes):

    { $link }

    If it was not you, ignore this email: your account is unchanged.
mail-reset-subject = Choose a new photojury password
mail-reset-body =
    Hello,

    Someone (we hope you) asked to choose a new password for the photojury account
    of this address. Open this link to do so (it works once, for { $minutes } minutes):

    { $link }

    If it was not you, ignore this email: your password is unchanged.
