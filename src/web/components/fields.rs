//! Labelled inputs that show the findings about their field beside them.
//!
//! Each input's id is the field's path (`ids::input_id`), which is how a finding's "go to
//! field" button finds it; an error marks it `aria-invalid` and the messages are tied to it with
//! `aria-describedby`, so a screen reader reads them with the input.

use std::rc::Rc;

use yew::prelude::*;

use crate::rules::Severity;
use crate::web::ids;
use crate::web::state::FieldMessage;

#[derive(Properties, PartialEq)]
pub struct MessagesProps {
    pub id: AttrValue,
    pub messages: Rc<Vec<FieldMessage>>,
}

/// The messages under an input (nothing when there are none).
#[function_component(Messages)]
pub fn messages(props: &MessagesProps) -> Html {
    if props.messages.is_empty() {
        return html! {};
    }
    html! {
        <ul class="field-messages" id={ ids::messages(&props.id) }>
            { for props.messages.iter().map(|m| html! {
                if m.severity == Severity::Error { <li class="msg-error">{ &m.text }</li> } else { <li class="msg-warning">{ &m.text }</li> }
            }) }
        </ul>
    }
}

/// `aria-invalid` and `aria-describedby` for an input with these messages.
pub fn aria(id: &str, messages: &[FieldMessage]) -> (Option<AttrValue>, Option<AttrValue>) {
    let invalid = messages.iter().any(|m| m.severity == Severity::Error).then_some(AttrValue::from("true"));
    let described = (!messages.is_empty()).then(|| AttrValue::from(ids::messages(id)));
    (invalid, described)
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub messages: Rc<Vec<FieldMessage>>,
    /// `number` for counts; text otherwise.
    #[prop_or_default]
    pub numeric: bool,
    pub oninput: Callback<String>,
}

/// A labelled text input.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let (invalid, described) = aria(&props.id, &props.messages);
    // What was typed into a number field that the plan did not take (empty while retyping, or
    // not a count): shown as typed, so typing replaces the number as in any form, until a
    // number is taken or the plan's value changes elsewhere.
    let typed = use_state_eq(|| None::<String>);
    {
        let typed = typed.clone();
        use_effect_with(props.value.clone(), move |_| typed.set(None));
    }
    let oninput = {
        let (cb, typed, numeric) = (props.oninput.clone(), typed.clone(), props.numeric);
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            if numeric {
                typed.set(Some(text.clone()));
            }
            cb.emit(text);
        })
    };
    let shown = match &*typed {
        Some(text) if text.trim().parse::<u32>().ok().map(|n| n.to_string()).as_deref() != Some(props.value.as_str()) => {
            AttrValue::from(text.clone())
        }
        _ => props.value.clone(),
    };
    html! {
        <div class="field">
            <label for={ props.id.clone() }>{ &props.label }
                if let Some(hint) = &props.hint { <span class="hint">{ hint }</span> }
            </label>
            <input id={ props.id.clone() }
                type={ if props.numeric { "number" } else { "text" } }
                min={ props.numeric.then_some("0") }
                inputmode={ props.numeric.then_some("numeric") }
                spellcheck="false" autocomplete="off"
                value={ shown }
                placeholder={ props.placeholder.clone() }
                aria-invalid={ invalid }
                aria-describedby={ described }
                { oninput } />
            <Messages id={ props.id.clone() } messages={ props.messages.clone() } />
        </div>
    }
}

/// One option of a [`select_field`].
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: AttrValue,
    pub text: AttrValue,
    pub selected: bool,
}

/// What a [`select_field`] shows.
pub struct SelectField {
    pub id: AttrValue,
    pub label: AttrValue,
    pub choices: Vec<Choice>,
    pub messages: Rc<Vec<FieldMessage>>,
    /// Gets the value of the option picked.
    pub onchange: Callback<String>,
}

/// A labelled list to pick one from. A function rather than a component: it keeps no state of
/// its own, and a component's machinery would weigh on the page for two lists.
pub fn select_field(props: SelectField) -> Html {
    let (invalid, described) = aria(&props.id, &props.messages);
    let onchange = props.onchange.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    html! {
        <div class="field">
            <label for={ props.id.clone() }>{ &props.label }</label>
            <select id={ props.id.clone() } { onchange } aria-invalid={ invalid } aria-describedby={ described }>
                { for props.choices.iter().map(|c| html! {
                    <option value={ c.value.clone() } selected={ c.selected }>{ &c.text }</option>
                }) }
            </select>
            <Messages id={ props.id.clone() } messages={ props.messages.clone() } />
        </div>
    }
}
