//! Password hashing with Argon2id, always off the async threads and never more
//! than a few at a time (each hash takes ~19 MiB and tens of milliseconds).

use crate::i18n::Msg;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rand::RngCore;
use std::sync::LazyLock;
use tokio::sync::Semaphore;

use crate::error::AppError;

/// Bounds concurrent hashes so a login burst cannot exhaust memory.
static HASHING: Semaphore = Semaphore::const_new(4);

/// The shortest password accepted (NIST SP 800-63B: length, no composition rules).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest, so a megabyte "password" cannot be used to burn CPU.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A password that meets the length rules, ready to be hashed.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    /// Checks the length (in characters, not bytes).
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            Err(Msg::new("account-password-short").arg("min", MIN_PASSWORD_CHARS))
        } else if chars > MAX_PASSWORD_CHARS {
            Err(Msg::new("account-password-long").arg("max", MAX_PASSWORD_CHARS))
        } else {
            Ok(Self(raw.to_owned()))
        }
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

/// Hashes a password into a PHC string (`$argon2id$v=19$…`), with a fresh salt.
pub async fn hash(password: NewPassword) -> Result<String, AppError> {
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.0.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(anyhow::anyhow!("argon2 hash: {e}")))
    })
    .await?
}

/// A hash of a password nobody knows, verified against when the email is
/// unknown so that an unknown email costs the same time as a wrong password.
/// Made once, with the same parameters as real hashes.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    Argon2::default()
        .hash_password(&secret)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// True when `password` matches `stored`; `None` runs the same work and says no.
pub async fn verify(password: &str, stored: Option<String>) -> Result<bool, AppError> {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return Ok(false);
    }
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let password = password.to_owned();
    let known = stored.is_some();
    let ok = tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await?;
    Ok(known && ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_eight_characters_not_bytes() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse("ééééééé").is_err());
        assert!(NewPassword::parse("éééééééé").is_ok());
        assert!(NewPassword::parse("correct horse").is_ok());
    }

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let stored = hash(NewPassword::parse("correct horse").unwrap())
            .await
            .unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse", Some(stored.clone())).await.unwrap());
        assert!(!verify("correct horsf", Some(stored)).await.unwrap());
        assert!(!verify("correct horse", None).await.unwrap());
    }
}
