//! The undo history: a step per change that alters the plan, typing on in one input being one
//! step; Undo and Redo move the plan between `past` and `future`.

use std::rc::Rc;

use super::{Action, Notice, State};
use crate::model::Plan;

/// One step of the undo history: the plan before an action, and what the action was.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Shared: the state is cloned on every action, its history must not be.
    pub plan: Rc<Plan>,
    pub label: String,
}

/// How many steps Undo can go back.
pub const HISTORY: usize = 100;

/// Which way through the history: Undo goes back, Redo forward.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Travel {
    Back,
    Forward,
}

/// What the history needs of an action, read from the plan before it runs.
pub(super) struct Entry {
    label: Option<String>,
    typing_key: Option<String>,
    loses_work: bool,
    replaces_plan: bool,
}

impl Entry {
    pub(super) fn of(action: &Action, plan: &Plan) -> Entry {
        Entry {
            label: action.label(plan),
            typing_key: action.typing_key(),
            loses_work: action.loses_work(),
            replaces_plan: action.replaces_plan(),
        }
    }
}

impl State {
    /// One step back or forward through the history.
    pub(super) fn travel(&self, way: Travel) -> State {
        let mut next = self.clone();
        let (from, to) = match way {
            Travel::Back => (&mut next.past, &mut next.future),
            Travel::Forward => (&mut next.future, &mut next.past),
        };
        let Some(step) = from.pop() else { return next };
        let old = std::mem::replace(&mut next.plan, Rc::unwrap_or_clone(step.plan));
        to.push(Step { plan: Rc::new(old), label: step.label.clone() });
        next.last_edit = None;
        next.suggested = false;
        next.refused.clear();
        let done = match way {
            Travel::Back => "Undid",
            Travel::Forward => "Redid",
        };
        next.notice = Some(Notice::info(format!("{done} {}.", step.label)));
        next.derive();
        next
    }

    /// Records the change from `self` to `after` as a step, unless it left the plan as it was:
    /// typing on in the input of the last step extends that step, a new step drops the redo
    /// steps, a plan replaced as a whole is kept for Recent plans, and work removed or replaced
    /// gets a notice offering Undo.
    pub(super) fn record(self: Rc<Self>, after: Rc<State>, entry: Entry) -> Rc<State> {
        if Rc::ptr_eq(&after, &self) || after.plan == self.plan {
            return after;
        }
        let mut next = Rc::unwrap_or_clone(after);
        let Some(label) = entry.label else { return Rc::new(next) };
        let key = entry.typing_key;
        if key.is_none() || key != self.last_edit {
            next.past.push(Step { plan: Rc::new(self.plan.clone()), label: label.clone() });
            if next.past.len() > HISTORY {
                next.past.remove(0);
            }
        }
        next.future.clear();
        next.last_edit = key;
        if entry.replaces_plan {
            let serial = self.replaced.as_ref().map_or(0, |(n, _)| n + 1);
            next.replaced = Some((serial, Rc::new(self.plan.clone())));
        }
        if entry.loses_work && next.notice.as_ref().is_none_or(|n| !n.error) {
            // The action's own message, else one saying what was removed.
            let own = next.notice.take().filter(|n| Some(n) != self.notice.as_ref());
            let text = own.map_or_else(|| format!("{}.", label.replacen("removing", "Removed", 1)), |n| n.text);
            next.notice = Some(Notice::undoable(text));
        } else if next.notice.as_ref().is_some_and(|n| n.undo) {
            // Its Undo would now take back this change, not what it speaks of.
            next.notice = None;
        }
        Rc::new(next)
    }
}
