//! Bare metal's list: the six outbound endpoints of the AKS on bare metal system requirements,
//! as written there. The page gives no port; the rows take HTTPS on 443, which every one of
//! these endpoints answers on (docs/decisions.md).

use super::{host_rows, HostRule, Protocol, Row, Section};
use crate::model::Plan;

/// Where the rows come from.
pub const SOURCE: &str = "Microsoft Learn, AKS on bare metal (preview): system requirements, outbound endpoints (2026-06-01)";

/// What the page says the section holds.
pub const INTRO: &str = "The six endpoints each bare metal machine must reach, as the system requirements write them (the page gives no port: HTTPS on 443).";

const HTTPS: &[u16] = &[443];

/// The list, in its order.
pub const HOSTS: [HostRule; 6] = [
    HostRule { host: "*.arc.azure.net", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Arc connectivity." },
    HostRule { host: "management.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Azure Resource Manager." },
    HostRule { host: "login.microsoftonline.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Microsoft Entra sign-in." },
    HostRule { host: "mcr.microsoft.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Container image pulls." },
    HostRule { host: "*.data.mcr.microsoft.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Container image data." },
    HostRule { host: "guestnotificationservice.azure.com", ports: HTTPS, protocol: Protocol::Https, from: "", why: "Arc guest notifications." },
];

pub(super) fn checklist(plan: &Plan) -> Vec<Row> {
    host_rows(plan, &HOSTS, Section::BareMetal, "bm", "every machine")
}
