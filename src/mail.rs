//! Outgoing email, when an SMTP server is configured: today the jury
//! invitations. Sending is best effort: the admin always sees the link too,
//! and a failure is reported on the page and logged, never fatal.

use std::time::Duration;

use lettre::message::Body;
use lettre::message::Mailbox;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;

/// A configured SMTP connection and sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The transport holds the SMTP password: never print it.
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The address or the message could not be built.
    #[error("{0}")]
    Message(String),
    /// The server refused or could not be reached.
    #[error("the mail server said: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

impl Mailer {
    /// The mailer the config asks for; `Ok(None)` when no SMTP URL is set.
    pub fn from_config(config: &Config) -> Result<Option<Mailer>, String> {
        let Some(url) = config.smtp_url.as_deref().filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("the SMTP URL is not usable: {e}"))?
            .timeout(Some(Duration::from_secs(15)))
            .build();
        let from = config
            .mail_from
            .parse()
            .map_err(|e| format!("the sender {:?} is not an address: {e}", config.mail_from))?;
        Ok(Some(Mailer { transport, from }))
    }

    /// Sends a plain-text message.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), MailError> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| MailError::Message(format!("{to:?} is not an address: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            // Always quoted-printable: readable in any mail client's source
            // view, safe for long link lines and for every script.
            .body(
                Body::new_with_encoding(body, ContentTransferEncoding::QuotedPrintable)
                    .map_err(|_| MailError::Message("the body could not be encoded".into()))?,
            )
            .map_err(|e| MailError::Message(e.to_string()))?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// The invitation email: the contest, what the juror will do, and the link.
pub fn invitation_text(contest: &str, link: &str, days: i64) -> (String, String) {
    let subject = format!("You are invited to the jury of {contest}");
    let body = format!(
        "Hello,\n\n\
         You are invited to the jury of \"{contest}\".\n\n\
         Jurors score numbered entries by the contest's criteria; you will not see who made them.\n\
         Open this link to accept and choose your password (it works once, for {days} days):\n\n\
         {link}\n\n\
         If you did not expect this invitation, ignore this email.\n"
    );
    (subject, body)
}

/// The email asking a finalist for their camera originals.
pub fn camera_original_text(contest: &str, due: &str, link: &str) -> (String, String) {
    let subject = format!("{contest}: please send the camera originals of your entry");
    let body = format!(
        "Hello,\n\n\
         Your entry in {contest} is among those the jury shortlisted. Before the\n\
         results are announced, the organisers check each shortlisted photograph\n\
         against its camera original: the RAW file, or the JPEG as it came out of\n\
         the camera.\n\n\
         Please send it for each photo listed on your account page by {due}:\n\n\
         {link}\n\n\
         The file is seen by the organisers only, never by the jury.\n"
    );
    (subject, body)
}

/// The email that confirms a new account's address.
pub fn confirm_text(link: &str, hours: i64) -> (String, String) {
    let subject = "Confirm your email address for photojury".to_owned();
    let body = format!(
        "Hello,\n\n\
         Someone (we hope you) created a photojury account with this address.\n\
         Open this link to confirm it (it works once, for {hours} hours):\n\n\
         {link}\n\n\
         If it was not you, ignore this email: nothing happens without the link.\n"
    );
    (subject, body)
}

/// The email sent when someone registers with an address that already has
/// a confirmed account: the owner hears of it, the visitor learns nothing.
pub fn already_registered_text(sign_in: &str, reset_link: &str, minutes: i64) -> (String, String) {
    let subject = "You already have a photojury account".to_owned();
    let body = format!(
        "Hello,\n\n\
         Someone (we hope you) tried to create a photojury account with this address,\n\
         which already has one. Sign in here:\n\n\
         {sign_in}\n\n\
         Forgot the password? This link lets you choose a new one (it works once, for {minutes} minutes):\n\n\
         {reset_link}\n\n\
         If it was not you, ignore this email: your account is unchanged.\n"
    );
    (subject, body)
}

/// The email with a link to choose a new password.
pub fn reset_text(link: &str, minutes: i64) -> (String, String) {
    let subject = "Choose a new photojury password".to_owned();
    let body = format!(
        "Hello,\n\n\
         Someone (we hope you) asked to choose a new password for the photojury account\n\
         of this address. Open this link to do so (it works once, for {minutes} minutes):\n\n\
         {link}\n\n\
         If it was not you, ignore this email: your password is unchanged.\n"
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_mail_servers_are_configured_with_rustls() {
        for url in [
            "smtps://user:secret@mail.example.org:465",
            "smtp://user:secret@mail.example.org:587?tls=required",
            "smtp://127.0.0.1:25",
        ] {
            let mut config = Config::new("/tmp/x");
            config.smtp_url = Some(url.into());
            let mailer = Mailer::from_config(&config);
            assert!(matches!(mailer, Ok(Some(_))), "{url}: {mailer:?}");
        }
    }
}
