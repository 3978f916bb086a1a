#![cfg(not(target_arch = "wasm32"))]
//! Every edit the page's editor makes, on its own: what it changes, what it leaves, and its edge
//! cases (the last item removed, the first moved up, a count that is not a number, lists with
//! blanks). The expected plans are written from what the user did, on the worked example
//! (`examples/contoso.json`: segment aks-seg, reserved vCenter and ESXi hosts, clusters
//! cluster-a with pools pool1 of 3 and pool2 of 2, and cluster-b with pool1 of 3).

use aksarc_netplan::check::evaluate;
use aksarc_netplan::edit::{
    apply, join_list, new_plan, split_list, BridgeText, ClusterText, Count, Direction, Edit, EditError, ManagementText, Part,
    ReservedText, SegmentText,
};
use aksarc_netplan::model::{Cluster, Management, NodePool, Plan, PlatformId, Reserved, ResourceBridge};
use aksarc_netplan::suggest::suggest;

fn example() -> Plan {
    Plan::example()
}

fn azure_local() -> Plan {
    aksarc_netplan::platform::by_id(PlatformId::AzureLocal).example()
}

/// The plan after the edit, which must be taken.
fn edited(mut plan: Plan, edit: Edit) -> Plan {
    let shown = format!("{edit:?}");
    apply(&mut plan, edit).unwrap_or_else(|e| panic!("{shown} was refused: {e}"));
    plan
}

/// The error of an edit that must change nothing.
fn refused(plan: &Plan, edit: Edit) -> EditError {
    let mut after = plan.clone();
    let shown = format!("{edit:?}");
    let error = apply(&mut after, edit).expect_err(&format!("{shown} was taken"));
    assert_eq!(&after, plan, "{shown} was refused but changed the plan");
    error
}

fn names(plan: &Plan) -> Vec<&str> {
    plan.clusters.iter().map(|c| c.name.as_str()).collect()
}

// The plan settings.

#[test]
fn the_name_is_kept_as_typed_and_the_region_without_spaces() {
    let plan = edited(example(), Edit::SetName("  Lab, phase 2 ".into()));
    assert_eq!(plan.name, "  Lab, phase 2 ");
    let plan = edited(plan, Edit::SetRegion("  westeurope \n".into()));
    assert_eq!(plan.region, "westeurope");
    assert_eq!(plan.clusters, example().clusters);
}

#[test]
fn the_proxy_switch_turns_on_and_off() {
    let plan = edited(example(), Edit::SetProxy(true));
    assert!(plan.proxy);
    assert!(!edited(plan, Edit::SetProxy(false)).proxy);
}

#[test]
fn switching_the_platform_changes_nothing_else() {
    let plan = edited(example(), Edit::SetPlatform(PlatformId::AzureLocal));
    assert_eq!(plan.platform, PlatformId::AzureLocal);
    assert_eq!(Plan { platform: PlatformId::Vmware, ..plan }, example());
}

#[test]
fn a_new_plan_has_one_network_named_in_the_platforms_words() {
    let plan = new_plan(PlatformId::Vmware);
    assert_eq!((plan.name.as_str(), plan.platform), ("New plan", PlatformId::Vmware));
    assert_eq!(plan.segments.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["segment1"]);
    assert!(plan.clusters.is_empty() && plan.reserved.is_empty() && plan.resource_bridge.is_none());
    let plan = new_plan(PlatformId::AzureLocal);
    assert_eq!(plan.platform, PlatformId::AzureLocal);
    assert_eq!(plan.segments[0].name, "logical-network1");
    assert_eq!(plan.segments[0].subnet, "");
}

// Counts.

#[test]
fn a_count_takes_a_whole_number_with_spaces_around_it() {
    let plan = edited(example(), Edit::SetCount(Count::Services(0), " 5 ".into()));
    assert_eq!(plan.clusters[0].services, 5);
    let plan = edited(plan, Edit::SetCount(Count::PoolNodes(0, 1), "4".into()));
    assert_eq!(plan.clusters[0].node_pools[1].nodes, 4);
    let plan = edited(plan, Edit::SetCount(Count::ControlPlaneNodes(1), "3".into()));
    assert_eq!(plan.clusters[1].control_plane_nodes, 3);
    let plan = edited(plan, Edit::SetCount(Count::DhcpInUse(0), "12".into()));
    assert_eq!(plan.segments[0].dhcp_in_use, 12);
    let plan = edited(plan, Edit::SetCount(Count::Vlan(0), "0".into()));
    assert_eq!(plan.segments[0].vlan, 0);
    // The largest count there is.
    let plan = edited(plan, Edit::SetCount(Count::Services(1), "4294967295".into()));
    assert_eq!(plan.clusters[1].services, u32::MAX);
}

#[test]
fn a_count_that_is_not_a_number_is_refused_naming_the_field_and_the_text() {
    let plan = example();
    let error = refused(&plan, Edit::SetCount(Count::Services(0), "three".into()));
    assert_eq!(
        error.to_string(),
        "Cluster cluster-a: LoadBalancer services must be a whole number from 0 to 4294967295; \"three\" was not taken (the plan keeps 3)."
    );
    let EditError::NotACount(refusal) = error else { panic!("{error:?}") };
    assert_eq!((refusal.count, refusal.kept, refusal.text.as_str()), (Count::Services(0), 3, "three"));

    for text in ["-1", "2.5", "4294967296", "3 nodes", "0x10"] {
        let message = refused(&plan, Edit::SetCount(Count::PoolNodes(0, 1), text.into())).to_string();
        assert!(message.starts_with("Cluster cluster-a, node pool pool2: worker nodes must be a whole number"), "{message}");
        assert!(message.contains(&format!("\"{text}\" was not taken (the plan keeps 2)")), "{message}");
    }
}

#[test]
fn an_empty_count_is_refused_until_a_number_is_typed() {
    let message = refused(&example(), Edit::SetCount(Count::ControlPlaneNodes(1), "   ".into())).to_string();
    assert_eq!(message, "Cluster cluster-b: control plane nodes is empty: type a whole number (the plan keeps 1 until then).");
}

#[test]
fn a_long_refused_text_is_shortened_in_the_message() {
    let text = "1234567890".repeat(6);
    let message = refused(&example(), Edit::SetCount(Count::Services(0), text.clone())).to_string();
    assert!(message.contains(&format!("\"{}…\"", &text[..40])), "{message}");
    assert!(!message.contains(&text), "{message}");
}

#[test]
fn count_messages_name_networks_in_the_platforms_words() {
    let message = refused(&azure_local(), Edit::SetCount(Count::Vlan(0), "x".into())).to_string();
    assert!(message.starts_with("logical network aks-lnet: VLAN must be a whole number"), "{message}");
    let message = refused(&example(), Edit::SetCount(Count::DhcpInUse(0), "x".into())).to_string();
    assert!(message.starts_with("segment aks-seg: DHCP leases in use must be a whole number"), "{message}");
}

#[test]
fn a_count_of_something_the_plan_does_not_have_is_not_taken() {
    let plan = example();
    assert_eq!(refused(&plan, Edit::SetCount(Count::Services(2), "1".into())), EditError::NotInPlan(Part::Cluster(2)));
    assert_eq!(refused(&plan, Edit::SetCount(Count::PoolNodes(1, 1), "x".into())), EditError::NotInPlan(Part::NodePool(1, 1)));
    assert_eq!(refused(&plan, Edit::SetCount(Count::Vlan(1), "1".into())), EditError::NotInPlan(Part::Segment(1)));
    assert_eq!(EditError::NotInPlan(Part::NodePool(1, 1)).to_string(), "the plan has no clusters[1].node_pools[1]");
}

// The management network.

#[test]
fn the_management_network_comes_with_its_first_text_and_goes_with_its_last() {
    let plan = azure_local();
    assert_eq!(plan.management, None);
    let plan = edited(plan, Edit::SetManagement(ManagementText::Subnet, "192.168.10.0/24".into()));
    assert_eq!(plan.management, Some(Management { subnet: "192.168.10.0/24".into(), ..Management::default() }));
    let plan = edited(plan, Edit::SetManagement(ManagementText::InfraPool, "192.168.10.10-192.168.10.20".into()));
    let plan = edited(plan, Edit::SetManagement(ManagementText::Subnet, String::new()));
    assert_eq!(plan.management.as_ref().map(|m| m.infra_pool.as_str()), Some("192.168.10.10-192.168.10.20"));
    let plan = edited(plan, Edit::SetManagement(ManagementText::InfraPool, String::new()));
    assert_eq!(plan.management, None);
}

#[test]
fn the_management_vlan_is_a_count() {
    let plan = edited(azure_local(), Edit::SetCount(Count::ManagementVlan, "7".into()));
    assert_eq!(plan.management.as_ref().map(|m| m.vlan), Some(7));
    // Refused with the plan as it was: no management network appears.
    let message = refused(&azure_local(), Edit::SetCount(Count::ManagementVlan, "seven".into())).to_string();
    assert!(message.starts_with("Management network: VLAN must be a whole number") && message.contains("(the plan keeps 0)"), "{message}");
}

// Segments.

#[test]
fn added_segments_get_names_no_other_segment_has() {
    let plan = edited(example(), Edit::AddSegment);
    assert_eq!(plan.segments.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["aks-seg", "segment1"]);
    assert_eq!(plan.segments[1].subnet, "");
    let plan = edited(plan, Edit::AddSegment);
    assert_eq!(plan.segments[2].name, "segment2");
    // A freed name is used again.
    let plan = edited(edited(plan, Edit::RemoveSegment(1)), Edit::AddSegment);
    assert_eq!(plan.segments.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["aks-seg", "segment2", "segment1"]);
}

#[test]
fn removing_a_segment_keeps_the_others_and_the_clusters() {
    let plan = edited(example(), Edit::AddSegment);
    let plan = edited(plan, Edit::RemoveSegment(0));
    assert_eq!(plan.segments.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["segment1"]);
    // The clusters stay, still naming it, and the checks say their segment is gone.
    assert_eq!(plan.clusters.len(), 2);
    assert!(plan.clusters.iter().all(|c| c.segment == "aks-seg"));
    let plan = edited(plan, Edit::RemoveSegment(0));
    assert!(plan.segments.is_empty());
    assert_eq!(refused(&plan, Edit::RemoveSegment(0)), EditError::NotInPlan(Part::Segment(0)));
}

#[test]
fn renaming_a_segment_takes_its_clusters_along() {
    let mut plan = edited(example(), Edit::AddSegment);
    plan.clusters[1].segment = "segment1".into();
    let plan = edited(plan, Edit::SetSegment(0, SegmentText::Name, "aks-seg-2".into()));
    assert_eq!(plan.segments[0].name, "aks-seg-2");
    assert_eq!(plan.clusters[0].segment, "aks-seg-2");
    assert_eq!(plan.clusters[1].segment, "segment1", "a cluster on another segment stays there");
}

#[test]
fn segment_lists_are_split_and_their_blanks_dropped() {
    let plan = edited(example(), Edit::SetSegment(0, SegmentText::Dns, " 10.20.0.2 ,, 10.20.0.3;\n10.20.0.4 , ".into()));
    assert_eq!(plan.segments[0].dns, ["10.20.0.2", "10.20.0.3", "10.20.0.4"]);
    let plan = edited(plan, Edit::SetSegment(0, SegmentText::Dhcp, "10.20.0.100-10.20.0.149;10.20.0.160-10.20.0.199".into()));
    assert_eq!(plan.segments[0].dhcp, ["10.20.0.100-10.20.0.149", "10.20.0.160-10.20.0.199"]);
    let plan = edited(plan, Edit::SetSegment(0, SegmentText::IpPools, "10.20.0.40-10.20.0.49".into()));
    assert_eq!(plan.segments[0].ip_pools, ["10.20.0.40-10.20.0.49"]);
    // Nothing but separators and spaces is an empty list.
    let plan = edited(plan, Edit::SetSegment(0, SegmentText::Dns, " , ;\n ".into()));
    assert!(plan.segments[0].dns.is_empty());
}

#[test]
fn a_blank_gateway_is_no_gateway_and_address_text_is_kept_as_typed() {
    let plan = edited(example(), Edit::SetSegment(0, SegmentText::Gateway, "   ".into()));
    assert_eq!(plan.segments[0].gateway, None);
    let plan = edited(plan, Edit::SetSegment(0, SegmentText::Gateway, "10.20.0.254".into()));
    assert_eq!(plan.segments[0].gateway.as_deref(), Some("10.20.0.254"));
    // Text that is not an address is the checks' business, not the editor's.
    let plan = edited(plan, Edit::SetSegment(0, SegmentText::Subnet, "10.20.0.0/33".into()));
    assert_eq!(plan.segments[0].subnet, "10.20.0.0/33");
    assert!(evaluate(&plan).findings.iter().any(|f| f.field == "segments[0].subnet"));
}

#[test]
fn editing_a_segment_the_plan_does_not_have_changes_nothing() {
    assert_eq!(refused(&example(), Edit::SetSegment(1, SegmentText::Name, "x".into())), EditError::NotInPlan(Part::Segment(1)));
}

// Reserved entries.

#[test]
fn reserved_entries_are_added_empty_edited_and_removed() {
    let plan = edited(example(), Edit::AddReserved);
    assert_eq!(plan.reserved.len(), 3);
    assert_eq!(plan.reserved[2], Reserved::default());
    let plan = edited(plan, Edit::SetReserved(2, ReservedText::Name, "NTP".into()));
    let plan = edited(plan, Edit::SetReserved(2, ReservedText::Addresses, "10.20.0.8".into()));
    assert_eq!(plan.reserved[2], Reserved { name: "NTP".into(), addresses: "10.20.0.8".into() });
    let plan = edited(plan, Edit::RemoveReserved(0));
    assert_eq!(plan.reserved.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["ESXi hosts", "NTP"]);
    let plan = edited(edited(plan, Edit::RemoveReserved(1)), Edit::RemoveReserved(0));
    assert!(plan.reserved.is_empty());
    assert_eq!(refused(&plan, Edit::RemoveReserved(0)), EditError::NotInPlan(Part::Reserved(0)));
    assert_eq!(refused(&plan, Edit::SetReserved(0, ReservedText::Name, "x".into())), EditError::NotInPlan(Part::Reserved(0)));
}

// The resource bridge.

#[test]
fn the_resource_bridge_is_planned_here_or_left_out() {
    let bridge = example().resource_bridge;
    assert!(bridge.is_some());
    // Turning it on again keeps the addresses it has.
    assert_eq!(edited(example(), Edit::AddBridge).resource_bridge, bridge);
    let plan = edited(example(), Edit::RemoveBridge);
    assert_eq!(plan.resource_bridge, None);
    let plan = edited(plan, Edit::AddBridge);
    assert_eq!(plan.resource_bridge, Some(ResourceBridge::default()));
    let plan = edited(plan, Edit::SetBridge(BridgeText::ApplianceVmIps, "10.20.0.6-10.20.0.7".into()));
    let plan = edited(plan, Edit::SetBridge(BridgeText::ControlPlaneIp, "10.20.0.5".into()));
    assert_eq!(plan.resource_bridge, bridge);
}

// Clusters.

#[test]
fn an_added_cluster_is_on_the_first_segment_and_waits_for_suggest() {
    let plan = edited(example(), Edit::AddCluster);
    assert_eq!(names(&plan), ["cluster-a", "cluster-b", "cluster1"]);
    let new = &plan.clusters[2];
    assert_eq!(new.segment, "aks-seg");
    assert_eq!(new.node_pools, [NodePool { name: "pool1".into(), nodes: 3 }]);
    assert_eq!((new.control_plane_ip.as_ref(), new.lb_pools.len(), new.services), (None, 0, 0));
    assert_eq!(edited(plan, Edit::AddCluster).clusters[3].name, "cluster2");
    // With no segment yet, the cluster is on none.
    let plan = edited(Plan::default(), Edit::AddCluster);
    assert_eq!(plan.clusters[0].segment, "");
}

#[test]
fn removing_clusters_down_to_none() {
    let plan = edited(example(), Edit::RemoveCluster(0));
    assert_eq!(names(&plan), ["cluster-b"]);
    let plan = edited(plan, Edit::RemoveCluster(0));
    assert!(plan.clusters.is_empty());
    assert_eq!(refused(&plan, Edit::RemoveCluster(0)), EditError::NotInPlan(Part::Cluster(0)));
    assert_eq!(refused(&example(), Edit::RemoveCluster(5)), EditError::NotInPlan(Part::Cluster(5)));
}

#[test]
fn a_cluster_moves_one_place_and_not_past_either_end() {
    let plan = edited(edited(example(), Edit::AddCluster), Edit::MoveCluster(0, Direction::Down));
    assert_eq!(names(&plan), ["cluster-b", "cluster-a", "cluster1"]);
    let plan = edited(plan, Edit::MoveCluster(2, Direction::Up));
    assert_eq!(names(&plan), ["cluster-b", "cluster1", "cluster-a"]);
    assert_eq!(refused(&plan, Edit::MoveCluster(0, Direction::Up)), EditError::AtEnd(0, Direction::Up));
    assert_eq!(refused(&plan, Edit::MoveCluster(2, Direction::Down)), EditError::AtEnd(2, Direction::Down));
    assert_eq!(refused(&plan, Edit::MoveCluster(3, Direction::Up)), EditError::NotInPlan(Part::Cluster(3)));
    // A lone cluster has nowhere to go.
    let alone = edited(example(), Edit::RemoveCluster(1));
    assert_eq!(refused(&alone, Edit::MoveCluster(0, Direction::Down)), EditError::AtEnd(0, Direction::Down));
}

#[test]
fn a_duplicate_copies_the_cluster_after_it_and_leaves_its_addresses_for_suggest() {
    let plan = edited(example(), Edit::DuplicateCluster(0));
    assert_eq!(names(&plan), ["cluster-a", "cluster-a-copy", "cluster-b"]);
    let (original, copy) = (&plan.clusters[0], &plan.clusters[1]);
    assert_eq!(copy, &Cluster { name: "cluster-a-copy".into(), control_plane_ip: None, lb_pools: Vec::new(), ..original.clone() });
    assert_eq!(copy.node_pools, [NodePool { name: "pool1".into(), nodes: 3 }, NodePool { name: "pool2".into(), nodes: 2 }]);
    assert_eq!((copy.services, copy.control_plane_nodes, copy.segment.as_str()), (3, 3, "aks-seg"));
    // The copy needs a control plane IP and a load balancer range, which Suggest then fills.
    let findings: Vec<&str> = evaluate(&plan).findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(findings.contains(&"cp-missing") && findings.contains(&"lb-short"), "{findings:?}");
    let suggestion = suggest(&plan);
    let filled: Vec<&str> = suggestion.filled.iter().map(|f| f.field.as_str()).collect();
    assert!(filled.contains(&"clusters[1].control_plane_ip"), "{filled:?}");
    assert!(filled.iter().any(|f| f.starts_with("clusters[1].lb_pools")), "{filled:?}");
    assert!(evaluate(&suggestion.plan).findings.is_empty(), "{:?}", evaluate(&suggestion.plan).findings);
}

#[test]
fn a_second_copy_gets_a_name_of_its_own() {
    let plan = edited(edited(example(), Edit::DuplicateCluster(0)), Edit::DuplicateCluster(0));
    let copies: Vec<&str> = names(&plan).into_iter().filter(|n| n.starts_with("cluster-a-copy")).collect();
    assert_eq!(copies.len(), 2);
    assert_ne!(copies[0], copies[1]);
    assert_eq!(refused(&plan, Edit::DuplicateCluster(4)), EditError::NotInPlan(Part::Cluster(4)));
}

#[test]
fn cluster_texts_are_set_blank_ips_cleared_and_lists_split() {
    let plan = edited(example(), Edit::SetCluster(1, ClusterText::Name, "prod".into()));
    assert_eq!(names(&plan), ["cluster-a", "prod"]);
    let plan = edited(plan, Edit::SetCluster(1, ClusterText::Segment, "elsewhere".into()));
    assert_eq!(plan.clusters[1].segment, "elsewhere");
    let plan = edited(plan, Edit::SetCluster(0, ClusterText::ControlPlaneIp, " ".into()));
    assert_eq!(plan.clusters[0].control_plane_ip, None);
    let plan = edited(plan, Edit::SetCluster(0, ClusterText::LbPools, "10.20.0.30-10.20.0.31, ,10.20.0.40;".into()));
    assert_eq!(plan.clusters[0].lb_pools, ["10.20.0.30-10.20.0.31", "10.20.0.40"]);
    let plan = edited(plan, Edit::SetCluster(0, ClusterText::LbPools, String::new()));
    assert!(plan.clusters[0].lb_pools.is_empty());
    assert_eq!(refused(&plan, Edit::SetCluster(2, ClusterText::Name, "x".into())), EditError::NotInPlan(Part::Cluster(2)));
}

// Node pools.

#[test]
fn a_new_node_pool_is_the_size_of_the_clusters_last_one() {
    let plan = edited(example(), Edit::AddNodePool(0));
    assert_eq!(plan.clusters[0].node_pools[2], NodePool { name: "pool3".into(), nodes: 2 });
    // A cluster without pools gets a pool of three; after an empty pool, a pool of one.
    let mut plan = example();
    plan.clusters[1].node_pools.clear();
    let plan = edited(plan, Edit::AddNodePool(1));
    assert_eq!(plan.clusters[1].node_pools, [NodePool { name: "pool1".into(), nodes: 3 }]);
    let plan = edited(plan, Edit::SetCount(Count::PoolNodes(1, 0), "0".into()));
    let plan = edited(plan, Edit::AddNodePool(1));
    assert_eq!(plan.clusters[1].node_pools[1], NodePool { name: "pool2".into(), nodes: 1 });
    assert_eq!(refused(&plan, Edit::AddNodePool(2)), EditError::NotInPlan(Part::Cluster(2)));
}

#[test]
fn node_pools_are_renamed_and_removed_down_to_none() {
    let plan = edited(example(), Edit::SetNodePoolName(0, 1, "gpu".into()));
    assert_eq!(plan.clusters[0].node_pools[1].name, "gpu");
    let plan = edited(plan, Edit::RemoveNodePool(0, 0));
    assert_eq!(plan.clusters[0].node_pools, [NodePool { name: "gpu".into(), nodes: 2 }]);
    let plan = edited(plan, Edit::RemoveNodePool(0, 0));
    assert!(plan.clusters[0].node_pools.is_empty());
    assert_eq!(plan.clusters[1], example().clusters[1]);
    assert_eq!(refused(&plan, Edit::RemoveNodePool(0, 0)), EditError::NotInPlan(Part::NodePool(0, 0)));
    assert_eq!(refused(&plan, Edit::RemoveNodePool(3, 0)), EditError::NotInPlan(Part::NodePool(3, 0)));
    assert_eq!(refused(&plan, Edit::SetNodePoolName(1, 1, "x".into())), EditError::NotInPlan(Part::NodePool(1, 1)));
}

// The firewall checklist.

#[test]
fn a_tick_ticks_and_a_second_unticks_leaving_the_others() {
    let plan = edited(example(), Edit::ToggleConfirmed("mcr.microsoft.com".into()));
    let plan = edited(plan, Edit::ToggleConfirmed("gcr.io".into()));
    assert_eq!(plan.firewall_confirmed, ["mcr.microsoft.com", "gcr.io"]);
    let plan = edited(plan, Edit::ToggleConfirmed("mcr.microsoft.com".into()));
    assert_eq!(plan.firewall_confirmed, ["gcr.io"]);
}

// What the page's history reads of an edit.

#[test]
fn labels_say_what_the_edit_does_in_the_platforms_words() {
    let vmware = example();
    let label = |plan: &Plan, edit: Edit| edit.label(plan);
    assert_eq!(label(&vmware, Edit::RemoveCluster(0)), "removing cluster cluster-a");
    assert_eq!(label(&vmware, Edit::MoveCluster(1, Direction::Up)), "moving cluster cluster-b");
    assert_eq!(label(&vmware, Edit::DuplicateCluster(1)), "duplicating cluster cluster-b");
    assert_eq!(label(&vmware, Edit::RemoveNodePool(0, 1)), "removing a node pool of cluster cluster-a");
    assert_eq!(label(&vmware, Edit::RemoveSegment(0)), "removing segment aks-seg");
    assert_eq!(label(&vmware, Edit::AddSegment), "adding a segment");
    assert_eq!(label(&azure_local(), Edit::AddSegment), "adding a logical network");
    assert_eq!(label(&azure_local(), Edit::SetSegment(0, SegmentText::Subnet, String::new())), "an edit of logical network aks-lnet");
    assert_eq!(label(&vmware, Edit::SetCount(Count::Services(0), "1".into())), "an edit of a number");
    assert_eq!(label(&vmware, Edit::SetProxy(true)), "an edit of the plan settings");
    assert_eq!(label(&vmware, Edit::RemoveBridge), "an edit of the resource bridge");
    assert_eq!(label(&vmware, Edit::ToggleConfirmed("gcr.io".into())), "a firewall tick");
}

#[test]
fn text_edits_name_the_field_they_write_as_findings_do() {
    assert_eq!(Edit::SetCluster(1, ClusterText::LbPools, String::new()).field().as_deref(), Some("clusters[1].lb_pools"));
    assert_eq!(Edit::SetCount(Count::PoolNodes(0, 1), String::new()).field().as_deref(), Some("clusters[0].node_pools[1].nodes"));
    assert_eq!(Edit::SetNodePoolName(0, 1, String::new()).field().as_deref(), Some("clusters[0].node_pools[1].name"));
    assert_eq!(Edit::SetManagement(ManagementText::InfraPool, String::new()).field().as_deref(), Some("management.infra_pool"));
    assert_eq!(Edit::SetReserved(2, ReservedText::Addresses, String::new()).field().as_deref(), Some("reserved[2].addresses"));
    assert_eq!(Edit::SetName(String::new()).field().as_deref(), Some("name"));
    assert_eq!(Edit::AddCluster.field(), None);
    assert_eq!(Edit::SetProxy(true).field(), None);
    // The path of a finding about a field is the path of the edit that writes it.
    let plan = edited(example(), Edit::SetCluster(1, ClusterText::ControlPlaneIp, "10.20.0.150".into()));
    let fields: Vec<String> = evaluate(&plan).findings.into_iter().map(|f| f.field).collect();
    assert_eq!(fields, [ClusterText::ControlPlaneIp.path(1)]);
    let plan = edited(example(), Edit::SetCount(Count::PoolNodes(0, 1), "0".into()));
    assert!(evaluate(&plan).findings.iter().any(|f| f.field == Count::PoolNodes(0, 1).path()));
}

#[test]
fn removals_and_renumbering() {
    for edit in [Edit::RemoveSegment(0), Edit::RemoveCluster(0), Edit::RemoveNodePool(0, 0)] {
        assert!(edit.removes() && edit.renumbers_counts(), "{edit:?}");
    }
    // Reserved entries have no counts; moving and copying remove nothing.
    assert!(Edit::RemoveReserved(0).removes() && !Edit::RemoveReserved(0).renumbers_counts());
    for edit in [Edit::MoveCluster(0, Direction::Down), Edit::DuplicateCluster(0)] {
        assert!(!edit.removes() && edit.renumbers_counts(), "{edit:?}");
    }
    for edit in [Edit::AddCluster, Edit::AddSegment, Edit::RemoveBridge, Edit::SetName("x".into())] {
        assert!(!edit.removes() && !edit.renumbers_counts(), "{edit:?}");
    }
}

#[test]
fn lists_read_from_text_and_shown_as_text() {
    assert_eq!(split_list(" a , b;\nc,,"), ["a", "b", "c"]);
    assert!(split_list("").is_empty());
    let shown = join_list(&["10.20.0.2".into(), "10.20.0.3".into()]);
    assert_eq!(shown, "10.20.0.2, 10.20.0.3");
    assert_eq!(split_list(&shown), ["10.20.0.2", "10.20.0.3"]);
}

#[test]
fn typed_addresses_are_kept_clean() {
    // Spaces around the text and around `/` and `-` go; an en or em dash is a range dash; DNS
    // servers may be separated by spaces, commas or semicolons alike.
    let p = edited(example(), Edit::SetCluster(0, ClusterText::LbPools, " 10.20.0.30 \u{2013} 10.20.0.32 ,10.20.0.40\u{2014}10.20.0.41".into()));
    assert_eq!(p.clusters[0].lb_pools, ["10.20.0.30-10.20.0.32", "10.20.0.40-10.20.0.41"]);
    let p = edited(example(), Edit::SetSegment(0, SegmentText::Subnet, " 10.20.0.0 / 24 ".into()));
    assert_eq!(p.segments[0].subnet, "10.20.0.0/24");
    for typed in ["10.20.0.2 10.20.0.3", "10.20.0.2,10.20.0.3", "10.20.0.2; 10.20.0.3", " 10.20.0.2  10.20.0.3 "] {
        let p = edited(example(), Edit::SetSegment(0, SegmentText::Dns, typed.into()));
        assert_eq!(p.segments[0].dns, ["10.20.0.2", "10.20.0.3"], "{typed:?}");
    }
    let p = edited(example(), Edit::SetCluster(1, ClusterText::ControlPlaneIp, "  10.20.0.21  ".into()));
    assert_eq!(p.clusters[1].control_plane_ip.as_deref(), Some("10.20.0.21"));
    let p = edited(example(), Edit::SetReserved(0, ReservedText::Addresses, "10.20.0.10 - 10.20.0.12".into()));
    assert_eq!(p.reserved[0].addresses, "10.20.0.10-10.20.0.12");
    // The cleaned plan passes where the typed text had only spacing and dashes to fix.
    assert!(evaluate(&edited(example(), Edit::SetCluster(0, ClusterText::LbPools, "10.20.0.30 \u{2013} 10.20.0.32".into()))).passes());
    // Names keep their spaces.
    let p = edited(example(), Edit::SetCluster(0, ClusterText::Name, " a - b ".into()));
    assert_eq!(p.clusters[0].name, " a - b ");
}

#[test]
fn a_leading_zero_and_a_bad_dns_server_say_what_is_wrong() {
    let p = edited(example(), Edit::SetSegment(0, SegmentText::Dns, "10.20.0.2, 10.20.0.010, 10.20.0.x".into()));
    let messages: Vec<String> = evaluate(&p).findings.iter().filter(|f| f.field.starts_with("segments[0].dns")).map(|f| f.message.clone()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("DNS server 2 \"10.20.0.010\" has a part with a leading zero"), "{}", messages[0]);
    assert!(messages[1].contains("DNS server 3 \"10.20.0.x\" is not an IP address"), "{}", messages[1]);
    assert!(!messages[1].contains("range"), "a DNS server is one address: {}", messages[1]);
}
