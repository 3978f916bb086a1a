//! The one protocol between the page's two modules, as typed messages: the first module sends
//! [`ToTools`] through the second's one entry point (`page_tools.rs`, `tools`) and gets an
//! [`Answer`]; the parts the second module draws send [`ToPage`] through the one function the
//! page hands it. Each message crosses as one JavaScript value (serde-wasm-bindgen), plans
//! included, so nothing is written to JSON text and read back on the way.

use serde::{Deserialize, Serialize};

use super::notice::Notice;
use super::state::SuggestResult;
use crate::addressmap::Conflict;
use crate::model::Plan;

/// What the page asks of the second module.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToTools {
    /// Draw the parts into the page's slots (`SLOTS`).
    Mount(Snapshot),
    /// The plan changed: draw the parts again.
    Update(Snapshot),
    /// The share link of the plan: `base` (the page's address) + `#` + the plan, packed.
    ShareUrl { plan: Plan, base: String },
    /// A link's packed data unpacked, for browsers without an inflater of their own.
    Inflate(Vec<u8>),
    /// A plan file someone picked, read with every check of the plan format.
    ReadPlan(String),
    /// The plan moved to the platform its own converts to (`crate::convert`).
    Convert { plan: Plan, to: crate::model::PlatformId },
    /// A link's unpacked JSON whose checklist ticks are indexes into the table of ticks, which
    /// only the second module carries.
    FinishLink(Vec<u8>),
}

/// The plan as the page has it now, and what its checks found that the parts draw (the
/// conflicts on the address map): the checks run once per change, in the page's state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub plan: Plan,
    pub conflicts: Vec<Conflict>,
    /// What the last Suggest did, until the next edit.
    pub suggested: Option<SuggestResult>,
    /// The plan's errors: the deployment exports wait for none.
    pub errors: usize,
    /// Recent plans is open (its list is drawn by the second module).
    pub recent: bool,
}

/// What the second module answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// The parts are drawn (or drawn again).
    Drawn,
    Url(String),
    Inflated(Vec<u8>),
    Plan(Plan),
    /// A plan converted, and the notice that says what the move did and leaves to do.
    Converted(Plan, String),
    /// The link unpacks to more than the links' limit.
    TooLarge,
    /// The request failed; why, in words a message can quote.
    Failed(String),
}

/// What the parts ask of the page, whose reducer owns the plan and the messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToPage {
    /// Tick or untick the checklist row with this key.
    Tick(String),
    /// Replace the plan with this one, which adds the addresses in use (an undoable step); the
    /// text says what was added.
    Import(Plan, String),
    /// Show a message under the toolbar.
    Notify(Notice),
    /// Put away Suggest's result.
    DismissSuggested,
    /// Open this plan from Recent plans (a step Undo takes back); the text says which.
    Open(Plan, String),
    /// Close Recent plans.
    CloseRecent,
}

/// The ids of the page's elements the parts are drawn into: the import panel; the addresses
/// assigned and the address map; the checklist and the exports; Suggest's result, among the
/// messages under the toolbar; Recent plans' list, under the toolbar.
pub const SLOTS: [&str; 5] = ["used-slot", "results-slot", "below", SUGGESTED_SLOT, RECENT_SLOT];

/// The slot of Suggest's result, at the top of the page: drawn into once Suggest ran, so coming
/// near it is no reason to fetch the second module.
pub const SUGGESTED_SLOT: &str = "suggested-slot";

/// The slot of Recent plans' list, in the toolbar: drawn into once the list is opened.
pub const RECENT_SLOT: &str = "recent-slot";

/// A message as the value that crosses (both modules write the same way: plain objects and
/// numbers, as JSON has them).
pub fn to_js<T: Serialize>(message: &T) -> wasm_bindgen::JsValue {
    // Enums of plans, strings and numbers always serialise.
    message.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(wasm_bindgen::JsValue::NULL)
}

/// A message read back from the value that crossed.
pub fn from_js<T: serde::de::DeserializeOwned>(value: wasm_bindgen::JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| format!("a message between the page's modules did not read: {e}"))
}
