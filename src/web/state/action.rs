//! Every change the page can make: the plan edits of [`crate::edit`], and what the page does
//! around a plan (open one, start one, convert it, Suggest, undo, messages).

use crate::edit::Edit;
use crate::model::{Plan, PlatformId};
use crate::web::notice::Notice;

/// Every change the page can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A change to the plan, made by [`crate::edit::apply`].
    Edit(Edit),
    /// Replace the plan (link, import, autosave, example); the text says where it came from.
    Load(Plan, Option<String>),
    /// A new, empty plan for the platform the user picked, with one undo.
    NewPlan(PlatformId),
    /// The plan moved to the platform its own converts to (by the second module), with one
    /// undo, and the notice that says what the move did and leaves to do.
    Convert(Plan, String),
    /// The plan with imported used addresses merged in, and what the import did.
    ImportUsed(Plan, String),
    Suggest,
    Undo,
    Redo,
    Notify(Notice),
    DismissNotice,
    DismissSuggested,
}

impl From<Edit> for Action {
    fn from(edit: Edit) -> Action {
        Action::Edit(edit)
    }
}

impl Action {
    /// What the action does, as the undo history names it; `None` for actions that do not
    /// change the plan.
    pub(super) fn label(&self, plan: &Plan) -> Option<String> {
        Some(match self {
            Action::Edit(edit) => edit.label(plan),
            Action::Load(new, _) => format!("opening \"{}\"", new.name),
            Action::NewPlan(_) => "New plan".into(),
            Action::Convert(to, _) => format!("Convert to {}", crate::platform::of(to).words.short),
            Action::ImportUsed(..) => "importing used addresses".into(),
            Action::Suggest => "Suggest".into(),
            Action::Undo | Action::Redo | Action::Notify(_) | Action::DismissNotice | Action::DismissSuggested => return None,
        })
    }

    /// The input typed into, for edits that continue while the user types: the field's path.
    /// The resource bridge's switch and its two inputs count as one.
    pub(super) fn typing_key(&self) -> Option<String> {
        match self {
            Action::Edit(Edit::AddBridge | Edit::RemoveBridge | Edit::SetBridge(..)) => Some("resource_bridge".into()),
            Action::Edit(edit) => edit.field(),
            _ => None,
        }
    }

    /// Replaces or removes work the user may not have meant to lose: the page says so at once
    /// and offers Undo.
    pub(super) fn loses_work(&self) -> bool {
        match self {
            Action::Edit(edit) => edit.removes(),
            Action::Load(..) | Action::NewPlan(_) | Action::Convert(..) | Action::ImportUsed(..) => true,
            _ => false,
        }
    }

    /// Replaces the plan as a whole: the plan it replaced is kept in Recent plans.
    pub(super) fn replaces_plan(&self) -> bool {
        matches!(self, Action::Load(..) | Action::NewPlan(_) | Action::Convert(..))
    }
}
