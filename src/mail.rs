//! Outgoing email, when an SMTP server is configured: today the jury
//! invitations. Sending is best effort: the admin always sees the link too,
//! and a failure is reported on the page and logged, never fatal.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::Config;

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
            .body(body)
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
