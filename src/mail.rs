//! Outgoing email, when an SMTP server is configured: today the jury
//! invitations. Sending is best effort: the admin always sees the link too,
//! and a failure is reported on the page and logged, never fatal.

use crate::i18n::{Arg, Lang, Msg};
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

/// An email in `lang`: the catalogue's `mail-{name}-subject` and
/// `mail-{name}-body`, both with `args`.
fn letter(lang: Lang, keys: [&'static str; 2], args: &[(&'static str, Arg)]) -> (String, String) {
    let part = |key: &'static str| {
        lang.msg(&Msg {
            key,
            args: args.to_vec(),
        })
    };
    (part(keys[0]), part(keys[1]) + "\n")
}

/// The invitation email: the contest, what the juror will do, and the link.
pub fn invitation_text(lang: Lang, contest: &str, link: &str, days: i64) -> (String, String) {
    letter(
        lang,
        ["mail-invitation-subject", "mail-invitation-body"],
        &[
            ("contest", contest.into()),
            ("link", link.into()),
            ("days", days.into()),
        ],
    )
}

/// The email asking a finalist for their camera originals.
pub fn camera_original_text(lang: Lang, contest: &str, due: &str, link: &str) -> (String, String) {
    letter(
        lang,
        ["mail-camera-subject", "mail-camera-body"],
        &[
            ("contest", contest.into()),
            ("due", due.into()),
            ("link", link.into()),
        ],
    )
}

/// The email that confirms a new account's address.
pub fn confirm_text(lang: Lang, link: &str, hours: i64) -> (String, String) {
    letter(
        lang,
        ["mail-confirm-subject", "mail-confirm-body"],
        &[("link", link.into()), ("hours", hours.into())],
    )
}

/// The email sent when someone registers with an address that already has
/// a confirmed account: the owner hears of it, the visitor learns nothing.
pub fn already_registered_text(
    lang: Lang,
    sign_in: &str,
    reset_link: &str,
    minutes: i64,
) -> (String, String) {
    letter(
        lang,
        ["mail-already-subject", "mail-already-body"],
        &[
            ("sign_in", sign_in.into()),
            ("link", reset_link.into()),
            ("minutes", minutes.into()),
        ],
    )
}

/// The email with a link to choose a new password.
pub fn reset_text(lang: Lang, link: &str, minutes: i64) -> (String, String) {
    letter(
        lang,
        ["mail-reset-subject", "mail-reset-body"],
        &[("link", link.into()), ("minutes", minutes.into())],
    )
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
