//! The messages the page shows under its toolbar: the page's state keeps them, and the second
//! module's parts send them (`wire::ToPage::Notify`).

use serde::{Deserialize, Serialize};

/// A message the page shows under the toolbar until dismissed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub error: bool,
    pub text: String,
    /// Offers Undo beside the text: the action replaced or removed work.
    pub undo: bool,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { error: false, text: text.into(), undo: false }
    }

    pub fn error(text: impl Into<String>) -> Notice {
        Notice { error: true, text: text.into(), undo: false }
    }

    /// For an action that replaced or removed work: says what happened and offers Undo.
    pub fn undoable(text: impl Into<String>) -> Notice {
        Notice { error: false, text: text.into(), undo: true }
    }
}

