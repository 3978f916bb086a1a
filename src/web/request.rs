//! What the second module's parts ask of the page, and the messages the page shows: apart from
//! both so that the parts, their components and the page's state can share them without
//! importing one another.

use crate::model::Plan;

/// A message the page shows under the toolbar until dismissed.
#[derive(Clone, Debug, PartialEq)]
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

/// What the parts ask of the page, whose reducer owns the plan and the messages.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Tick or untick the checklist row with this key.
    Tick(String),
    /// Replace the plan with this one, which adds the addresses in use (an undoable step).
    Import(Plan, String),
    /// Show a message under the toolbar.
    Notify(Notice),
}

impl Request {
    /// The three strings a request crosses between the modules as: its kind, its text and,
    /// for an import, the plan as a plan file.
    pub fn to_wire(&self) -> (&'static str, &str, String) {
        match self {
            Request::Tick(key) => ("tick", key, String::new()),
            Request::Import(plan, what) => ("import", what, plan.to_json()),
            Request::Notify(n) if n.error => ("error", &n.text, String::new()),
            Request::Notify(n) => ("info", &n.text, String::new()),
        }
    }

    /// The request three strings stand for; `None` for a kind this page does not know or a
    /// plan that does not read.
    pub fn from_wire(kind: &str, text: String, plan: &str) -> Option<Request> {
        match kind {
            "tick" => Some(Request::Tick(text)),
            "import" => crate::web::browser::read_plan(plan).ok().map(|plan| Request::Import(plan, text)),
            "error" => Some(Request::Notify(Notice::error(text))),
            "info" => Some(Request::Notify(Notice::info(text))),
            _ => None,
        }
    }
}

