//! The page's state: the plan, the engine's report on it, and the actions that change it.

use std::rc::Rc;

use yew::Reducible;

use crate::check::{evaluate, Report};
use crate::model::Plan;

/// Everything the page shows is derived from this.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub plan: Plan,
    /// The engine's answer for `plan`, computed once per change in `reduce`.
    pub report: Report,
}

impl State {
    pub fn new(plan: Plan) -> State {
        let report = evaluate(&plan);
        State { plan, report }
    }
}

impl Default for State {
    fn default() -> State {
        State::new(Plan::example())
    }
}

/// Every change the page can make to the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Load(Plan),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Load(plan) => Rc::new(State::new(plan)),
        }
    }
}
