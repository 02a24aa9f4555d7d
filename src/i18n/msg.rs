//! A message for a person before it is put into words: its catalogue key
//! and its arguments ([`Msg`]), what a template may pass as an argument
//! ([`ToArg`], [`NamedArg`]), and `localized_error!` for refusal enums.

use super::Lang;

/// A message for a person: its key in the catalogues and its arguments,
/// put into words in the reader's language when it is shown (`Display`
/// gives the English, for logs and the command line).
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    /// The catalogue key.
    pub key: &'static str,
    /// The `{ $name }` arguments.
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument of a [`Msg`]: text as it is, a number (which selects
/// plural forms and is written the language's way), or another message put
/// into the same language first (a phase's name inside a refusal).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text shown as it is.
    Text(String),
    /// A number.
    Number(f64),
    /// A message of the catalogues, in the reader's language.
    Phrase(Box<Msg>),
}

impl From<Msg> for Arg {
    fn from(msg: Msg) -> Arg {
        Arg::Phrase(Box::new(msg))
    }
}

impl Msg {
    /// The message `key` without arguments (a `const`, so refusals can be
    /// constants).
    pub const fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// The same message with the argument `$name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.msg(self))
    }
}

impl From<&Arg> for Arg {
    fn from(arg: &Arg) -> Arg {
        arg.clone()
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                // Counts and sizes of a contest are far below 2^53.
                #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
                Arg::Number(n as f64)
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Arg {
                Arg::from(*n)
            }
        }
    )*};
}
number_arg!(i32, i64, u16, u32, u64, usize, f64);

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

/// A value a template passes to a message (`nav.t1("key", "n", count)`):
/// askama passes fields by reference, sometimes twice over.
pub trait ToArg {
    /// The argument.
    fn to_arg(&self) -> Arg;
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg {
        (**self).to_arg()
    }
}

impl ToArg for str {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_owned())
    }
}

impl ToArg for String {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.clone())
    }
}

macro_rules! number_to_arg {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(&self) -> Arg {
                Arg::from(*self)
            }
        }
    )*};
}
number_to_arg!(i32, i64, u16, u32, u64, usize, f64);

/// A decimal number as a template holds it: owned, or behind any number of
/// references.
pub trait AsF64 {
    /// The number.
    fn as_f64(&self) -> f64;
}

impl AsF64 for f64 {
    fn as_f64(&self) -> f64 {
        *self
    }
}

impl<T: AsF64 + ?Sized> AsF64 for &T {
    fn as_f64(&self) -> f64 {
        (**self).as_f64()
    }
}

/// A message as a template holds it: owned, or behind any number of
/// references (askama borrows fields and loop variables).
pub trait AsMsg {
    /// The message.
    fn as_msg(&self) -> &Msg;
}

impl AsMsg for Msg {
    fn as_msg(&self) -> &Msg {
        self
    }
}

impl<T: AsMsg + ?Sized> AsMsg for &T {
    fn as_msg(&self) -> &Msg {
        (**self).as_msg()
    }
}

/// A named argument as a template writes it: `("n", count)`.
pub trait NamedArg {
    /// The name and the argument.
    fn named(&self) -> (&'static str, Arg);
}

impl<T: ToArg> NamedArg for (&'static str, T) {
    fn named(&self) -> (&'static str, Arg) {
        (self.0, self.1.to_arg())
    }
}

impl<T: NamedArg + ?Sized> NamedArg for &T {
    fn named(&self) -> (&'static str, Arg) {
        (**self).named()
    }
}

/// Implements `Display` (the English text, for logs) and `Error` for a
/// refusal with a `fn msg(&self) -> Msg`.
macro_rules! localized_error {
    ($t:ty) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::i18n::Lang::En.msg(&self.msg()))
            }
        }
        impl std::error::Error for $t {}
    };
}
pub(crate) use localized_error;
