//! The page's state: the plan, everything derived from it, the undo history and one small
//! reducer of named actions.
//!
//! The engine runs here, in `State::derive`, once per change; components only read the result.
//! The plan edits themselves are `crate::edit`'s; `action` names what the page can do, and
//! `history` keeps the undo steps.

mod action;
mod history;

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use yew::Reducible;

use super::ids;
use crate::check::{evaluate_resolved, Report};
use crate::claims::resolve;
use crate::edit::{self, Edit, EditError};
use crate::model::Plan;
use crate::rules::Severity;
use crate::suggest::{suggest, Filled, Unfilled};
pub use super::notice::Notice;
pub use action::Action;
pub use history::{Step, HISTORY};

/// What one Suggest did, shown until the next edit (drawn by the second module, `parts::suggested`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SuggestResult {
    pub filled: Vec<Filled>,
    pub unfilled: Vec<Unfilled>,
}

/// A finding's message as shown beside the input it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldMessage {
    pub severity: Severity,
    pub rule: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub plan: Plan,
    /// The engine's answer for `plan`.
    pub report: Rc<Report>,
    /// Messages per input id (see [`ids::input_id`]), from the findings and from refused input.
    pub messages: Rc<HashMap<String, Rc<Vec<FieldMessage>>>>,
    /// Number inputs whose text was refused: the plan keeps its old value, the input says why.
    pub refused: HashMap<String, String>,
    /// Plans before each change, newest last, and the ones Undo stepped back from.
    pub past: Vec<Step>,
    pub future: Vec<Step>,
    /// The field the last change typed into: typing on in it is one undo step, not one per key.
    last_edit: Option<String>,
    /// A plan the last action replaced as a whole (a link, an import, a new plan), numbered so the
    /// page keeps each one in Recent plans once.
    pub replaced: Option<(u32, Rc<Plan>)>,
    pub suggested: Option<SuggestResult>,
    pub notice: Option<Notice>,
}

impl State {
    pub fn new(plan: Plan) -> State {
        let mut state = State {
            plan,
            report: Rc::default(),
            messages: Rc::default(),
            refused: HashMap::new(),
            past: Vec::new(),
            future: Vec::new(),
            last_edit: None,
            replaced: None,
            suggested: None,
            notice: None,
        };
        state.derive();
        state
    }

    /// Recomputes everything that follows from the plan: the one place the engine runs.
    fn derive(&mut self) {
        let resolved = resolve(&self.plan);
        let report = evaluate_resolved(&self.plan, &resolved);
        let mut messages: HashMap<String, Vec<FieldMessage>> = HashMap::new();
        for f in &report.findings {
            messages.entry(ids::input_id(&f.field)).or_default().push(FieldMessage {
                severity: f.severity,
                rule: f.rule.as_str(),
                text: f.message.clone(),
            });
        }
        for (id, text) in &self.refused {
            messages.entry(id.clone()).or_default().insert(0, FieldMessage {
                severity: Severity::Error,
                rule: "input",
                text: text.clone(),
            });
        }
        self.report = Rc::new(report);
        self.messages = Rc::new(messages.into_iter().map(|(k, v)| (k, Rc::new(v))).collect());
    }

    /// The messages of every input whose id starts with `prefix` (one editor's worth).
    pub fn messages_under(&self, prefix: &str) -> Messages {
        let map = self.messages.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(k, v)| (k.clone(), v.clone())).collect();
        Messages(Rc::new(map))
    }
}

/// Messages per input id, as handed to one editor component.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages(pub Rc<BTreeMap<String, Rc<Vec<FieldMessage>>>>);

impl Messages {
    /// The messages of one input (empty when it has none).
    pub fn of(&self, id: &str) -> Rc<Vec<FieldMessage>> {
        self.0.get(id).cloned().unwrap_or_default()
    }
}

impl Default for State {
    fn default() -> State {
        State::new(super::browser::example())
    }
}

/// What the page says after a plan replaced the one the user had.
const KEPT: &str = "The plan you had is in Recent plans; Undo brings it back.";

impl State {
    /// The state after the action, before the history records it; `self` itself when the
    /// action changes nothing.
    fn apply(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(edit) => {
                let count = match &edit {
                    Edit::SetCount(count, _) => Some(*count),
                    _ => None,
                };
                let renumbers = edit.renumbers_counts();
                match edit::apply(&mut next.plan, edit) {
                    Ok(()) if renumbers => next.refused.clear(),
                    Ok(()) => {
                        if let Some(count) = count {
                            next.refused.remove(&ids::count(count));
                        }
                    }
                    Err(EditError::NotACount(refused)) => {
                        next.refused.insert(ids::count(refused.count), refused.to_string());
                    }
                    Err(EditError::NotInPlan(_) | EditError::AtEnd(..)) => return self,
                }
                // Any edit ends the Suggest summary.
                next.suggested = None;
            }
            Action::Load(plan, notice) => {
                let notice = notice.map(|text| Notice::info(format!("{text} {KEPT}")));
                next = State { plan, notice, suggested: None, refused: HashMap::new(), ..next };
            }
            Action::NewPlan(platform) => {
                let notice = Notice::info(format!("New plan for {}. {KEPT}", crate::platform::by_id(platform).name));
                next = State { plan: edit::new_plan(platform), notice: Some(notice), suggested: None, refused: HashMap::new(), ..next };
            }
            Action::Convert(converted, notice) => {
                next.plan = converted;
                next.suggested = None;
                next.notice = Some(Notice::info(notice));
            }
            Action::ImportUsed(merged, what) => {
                next.plan = merged;
                next.refused.clear();
                next.suggested = None;
                next.notice = Some(Notice::info(what));
            }
            Action::Suggest => {
                let s = suggest(&next.plan);
                next.plan = s.plan;
                next.suggested = Some(SuggestResult { filled: s.filled, unfilled: s.unfilled });
            }
            // The notices change no plan: nothing to derive again.
            Action::Notify(notice) => {
                next.notice = Some(notice);
                return Rc::new(next);
            }
            Action::DismissNotice => {
                next.notice = None;
                return Rc::new(next);
            }
            Action::DismissSuggested => {
                next.suggested = None;
                return Rc::new(next);
            }
            Action::Undo | Action::Redo => return self,
        }
        next.derive();
        Rc::new(next)
    }
}

impl Reducible for State {
    type Action = Action;

    /// Applies the action and keeps the undo history: each change that alters the plan is one
    /// step (typing on in one input extends the step), and a new change drops the redo steps.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Undo => Rc::new(self.travel(history::Travel::Back)),
            Action::Redo => Rc::new(self.travel(history::Travel::Forward)),
            action => {
                let entry = history::Entry::of(&action, &self.plan);
                let after = self.clone().apply(action);
                self.record(after, entry)
            }
        }
    }
}
