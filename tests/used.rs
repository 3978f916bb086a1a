#![cfg(not(target_arch = "wasm32"))]
//! Importing the addresses a network already uses: every format from a sample file written in
//! that format's documented shape (`tests/data/used/`), what counts as in use, the merge into a
//! plan, and the CLI.

mod support {
    pub mod gen;
}

use std::process::Command;

use proptest::prelude::*;

use aksarc_netplan::model::{Plan, Reserved};
use aksarc_netplan::used::{merge, parse, preview, Format, ImportError, Parsed, FORMATS};

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/used/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// (address text, host) of each address in use, in file order.
fn used(parsed: &Parsed) -> Vec<(String, &str)> {
    parsed.used.iter().map(|u| (u.range.to_string(), u.host.as_str())).collect()
}

fn bad_lines(parsed: &Parsed) -> Vec<usize> {
    parsed.bad.iter().map(|b| b.line).collect()
}

fn not_in_use(parsed: &Parsed) -> Vec<(&str, usize)> {
    parsed.not_in_use.iter().map(|(s, n)| (s.as_str(), *n)).collect()
}

#[test]
fn windows_dhcp_leases_count_active_ones_and_reservations() {
    let p = parse(&sample("windows-leases.csv")).unwrap();
    assert_eq!(p.format, Format::WindowsLeases);
    assert_eq!(used(&p), [
        ("10.20.0.101".to_string(), "node-a1.contoso.local"),
        ("10.20.0.102".to_string(), "node-a2.contoso.local"),
        ("10.20.0.150".to_string(), "printer-1.contoso.local"),
        ("10.20.0.101".to_string(), "node-a1.contoso.local"),
        ("10.20.0.60".to_string(), "lab-pc.contoso.local"),
    ]);
    assert_eq!(not_in_use(&p), [("declined", 1), ("expired", 1)]);
    assert_eq!(bad_lines(&p), [10], "the row with 10.20.0.999, counting the #TYPE line");
    // Without the #TYPE line (Export-Csv -NoTypeInformation) it reads the same.
    let bare: String = sample("windows-leases.csv").lines().skip(1).map(|l| format!("{l}\n")).collect();
    let q = parse(&bare).unwrap();
    assert_eq!((q.format, used(&q)), (Format::WindowsLeases, used(&p)));
    assert_eq!(bad_lines(&q), [9]);
}

/// A sample file, its format, the addresses in use with their hosts, the states skipped, the bad lines.
type Case = (&'static str, Format, &'static [(&'static str, &'static str)], &'static [(&'static str, usize)], &'static [usize]);

#[test]
fn each_format_is_recognised_from_its_content() {
    let cases: [Case; 7] = [
        ("windows-reservations.csv", Format::WindowsReservations,
            &[("10.20.0.120", "esx-mgmt-1"), ("10.20.0.121", "esx-mgmt-2"), ("10.20.0.40", "nas")], &[], &[]),
        // The last block of an address wins: 10.20.0.111 was freed, then leased again.
        ("dhcpd.leases", Format::IscLeases,
            &[("10.20.0.110", "aks-node-7"), ("10.20.0.112", ""), ("10.20.0.111", "aks-node-8"), ("10.20.0.55", "jumpbox")],
            &[("expired", 1)], &[]),
        ("kea-leases4.csv", Format::KeaLeases, &[("10.20.0.130", "kea-host-1"), ("10.20.0.133", "")], &[("declined", 1), ("expired", 1)], &[]),
        // NetBox writes the prefix length with each address; the host address is what is used.
        ("netbox-ip-addresses.csv", Format::NetBox,
            &[("10.20.0.8", "vcsa.contoso.local"), ("10.20.0.9", ""), ("10.20.0.16", ""), ("10.20.0.17", "")], &[("deprecated", 1)], &[7]),
        ("phpipam.csv", Format::Csv, &[("10.20.0.70", "backup01"), ("10.20.0.71", ""), ("10.20.0.72", ""), ("10.20.0.74", "")], &[], &[]),
        // Hosts that are down do not count; the Ports line of a host names it again.
        ("nmap.gnmap", Format::Nmap, &[("10.20.0.80", "dns1.contoso.local"), ("10.20.0.81", ""), ("10.20.0.84", "")], &[("down", 2)], &[]),
        ("list.txt", Format::List,
            &[("10.20.0.90", ""), ("10.20.0.91", ""), ("10.20.0.92-10.20.0.95", ""), ("10.20.0.96-10.20.0.99", "")], &[], &[6]),
    ];
    for (file, format, want, skipped, bad) in cases {
        let p = parse(&sample(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(p.format, format, "{file}");
        let want: Vec<(String, &str)> = want.iter().map(|(a, h)| (a.to_string(), *h)).collect();
        assert_eq!(used(&p), want, "{file}");
        assert_eq!(not_in_use(&p), skipped, "{file}");
        assert_eq!(bad_lines(&p), bad, "{file}");
    }
}

#[test]
fn a_file_of_no_known_format_says_which_formats_are_read() {
    for text in ["just some notes\nabout the network\n", "name,colour\nweb,blue\n", "{\"schema\": 1}"] {
        assert_eq!(parse(text), Err(ImportError::Unrecognised), "{text}");
    }
    assert_eq!(parse("  \n"), Err(ImportError::Empty));
    let message = ImportError::Unrecognised.to_string();
    for format in ["Windows DHCP", "dhcpd.leases", "Kea", "NetBox", "nmap", "plain list"] {
        assert!(message.contains(format) && FORMATS.contains(format), "{format}");
    }
}

#[test]
fn leases_inside_a_scope_count_as_leases_in_use_and_the_rest_become_reserved_entries() {
    let plan = Plan::example();
    let p = parse(&sample("windows-leases.csv")).unwrap();
    let m = merge(&plan, &p, "windows-leases.csv");
    // 10.20.0.101, .102 and .150 lie in the scope 10.20.0.100-10.20.0.199: three distinct leases.
    assert_eq!(m.leases, [(0, 0, 3)]);
    assert_eq!(m.plan.segments[0].dhcp_in_use, 3);
    assert_eq!(m.added(), [Reserved { name: "windows-leases.csv: lab-pc.contoso.local".into(), addresses: "10.20.0.60".into() }]);
    // Importing the same file again changes nothing.
    let again = merge(&m.plan, &p, "windows-leases.csv");
    assert_eq!((again.plan == m.plan, again.added().len(), again.already, again.leases.len()), (true, 0, 1, 0));
    // The count of leases in use never goes down.
    let mut busy = Plan::example();
    busy.segments[0].dhcp_in_use = 40;
    assert_eq!(merge(&busy, &p, "x").plan.segments[0].dhcp_in_use, 40);
}

#[test]
fn unnamed_neighbours_merge_into_ranges_and_named_hosts_keep_their_names() {
    let m = merge(&Plan::example(), &parse(&sample("phpipam.csv")).unwrap(), "phpipam.csv");
    let added: Vec<(&str, &str)> = m.added().iter().map(|r| (r.name.as_str(), r.addresses.as_str())).collect();
    assert_eq!(added, [("phpipam.csv: backup01", "10.20.0.70"), ("phpipam.csv", "10.20.0.71-10.20.0.72"), ("phpipam.csv", "10.20.0.74")]);
    // Addresses from a scan inside the DHCP scope are not a DHCP server's leases: they stay static.
    let scan = parse("Host: 10.20.0.150 ()\tStatus: Up\n").unwrap();
    assert_eq!(merge(&Plan::example(), &scan, "scan").added().len(), 1);
    // On Azure Local there are no DHCP scopes: every lease is a reserved entry.
    let al = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    let leases = parse(&sample("dhcpd.leases")).unwrap();
    let m = merge(&al, &leases, "dhcpd.leases");
    assert!(m.leases.is_empty());
    assert_eq!(m.added().len(), 4);
}

#[test]
fn the_imported_entries_are_checked_like_any_other() {
    // The scan finds a host with a static address inside the example's DHCP scope: the plan
    // now says so.
    let scan = parse("Host: 10.20.0.150 (forgotten-vm)\tStatus: Up\n").unwrap();
    let m = merge(&Plan::example(), &scan, "scan.gnmap");
    let report = aksarc_netplan::check::evaluate(&m.plan);
    let conflict = report.findings.iter().find(|f| f.rule == "dhcp-contains-reserved").expect("a conflict");
    assert!(conflict.message.contains("scan.gnmap: forgotten-vm"), "{}", conflict.message);
}

#[test]
fn the_cli_imports_into_a_plan_or_a_new_one() {
    let bin = env!("CARGO_BIN_EXE_aksarc-netplan");
    let data = format!("{}/tests/data/used", env!("CARGO_MANIFEST_DIR"));
    let example = format!("{}/examples/contoso.json", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(bin).args(["import-used", &format!("{data}/dhcpd.leases"), "--into", &example]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let plan = Plan::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(plan.segments[0].dhcp_in_use, 3);
    assert_eq!(plan.platform, aksarc_netplan::model::PlatformId::Vmware);
    assert_eq!(plan.reserved.last().unwrap().name, "dhcpd.leases: jumpbox");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ISC dhcpd leases") && stderr.contains("1 expired"), "{stderr}");
    // Standard input, no plan: a new plan with the reserved entries; bad rows named by line.
    let mut child = Command::new(bin)
        .args(["import-used", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"10.1.0.1\n10.1.0.2\nnonsense\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let plan = Plan::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(plan.reserved, [Reserved { name: "imported".into(), addresses: "10.1.0.1-10.1.0.2".into() }]);
    // New plans are Azure Local's, as on the page; a plan given with --into keeps its platform.
    assert_eq!(plan.platform, aksarc_netplan::model::PlatformId::AzureLocal);
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3:"));
    // A file of no known format: exit 2 with the formats listed.
    let notes = std::env::temp_dir().join("aksarc-notes.txt");
    std::fs::write(&notes, "hello\n").unwrap();
    let out = Command::new(bin).args(["import-used", notes.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nmap grepable output"));
}

#[test]
fn formats_are_told_apart_by_their_near_misses() {
    let format = |text: &str| parse(text).map(|p| p.format);
    // Blank lines before Export-Csv's #TYPE line do not hide it.
    assert_eq!(format(&format!("\n\n{}", sample("windows-leases.csv"))), Ok(Format::WindowsLeases));
    // Only comments, or a JSON object: nothing to read, whatever lines start with.
    assert_eq!(format("# just a comment\n\n# another\n"), Err(ImportError::Unrecognised));
    assert_eq!(format("{\n  \"schema\": 1\n}\n"), Err(ImportError::Unrecognised));
    // A lease block needs both its word and its brace.
    assert_eq!(format("lease time 3600\n10.0.0.1\n"), Ok(Format::List));
    // Kea needs its address, hwaddr and state columns; NetBox its address and status columns
    // and one of its own; other CSV with an address column is plain CSV.
    for text in ["address,hwaddr\n10.0.0.1,aa\n", "address,state\n10.0.0.1,0\n", "hwaddr,address,state\n aa,10.0.0.1,0\n",
        "address,status\n10.0.0.1/24,active\n", "address,dns_name\n10.0.0.1/24,x\n", "ip,status,dns_name\n10.0.0.1,active,x\n"] {
        assert_eq!(format(text), Ok(Format::Csv), "{text}");
    }
    for own in ["dns_name", "tenant", "vrf", "role"] {
        assert_eq!(format(&format!("address,status,{own}\n10.0.0.1/24,active,\n")), Ok(Format::NetBox), "{own}");
    }
    // A prefix length that is not a number is not a host address.
    let p = parse("address,status,dns_name\n10.20.0.30/xx,active,a\n10.20.0.31/24,active,b\n").unwrap();
    assert_eq!((p.used.len(), bad_lines(&p)), (1, vec![2]));
}

#[test]
fn line_numbers_and_states_in_each_reader() {
    let lines = |p: &Parsed| p.used.iter().map(|u| u.line).collect::<Vec<_>>();
    // Each address's line: its lease block's first line, its host line, its list line.
    assert_eq!(lines(&parse(&sample("dhcpd.leases")).unwrap()), [4, 21, 27, 39]);
    assert_eq!(lines(&parse(&sample("nmap.gnmap")).unwrap()), [2, 3, 6]);
    assert_eq!(lines(&parse(&sample("list.txt")).unwrap()), [2, 3, 4, 5]);
    // A Host line that says neither Status nor Ports is a bad row, with its line.
    let p = parse("Host: 10.0.0.8 ()\tStatus: Up\nHost: 10.0.0.9 ()\tOS: Linux\n").unwrap();
    assert_eq!((p.used.len(), bad_lines(&p)), (1, vec![2]));
    // Windows: an offered lease is not taken yet (other sources would count an unknown state).
    let offered = "\"IPAddress\",\"ScopeId\",\"AddressState\",\"HostName\"\n\"10.20.0.101\",\"10.20.0.0\",\"Offered\",\"x\"\n";
    let p = parse(offered).unwrap();
    assert_eq!((p.format, p.used.len(), not_in_use(&p)), (Format::WindowsLeases, 0, vec![("offered", 1)]));
}

#[test]
fn the_summary_says_what_was_read_added_and_skipped() {
    use aksarc_netplan::used::summary;
    let plan = Plan::example();
    let p = parse(&sample("windows-leases.csv")).unwrap();
    let m = merge(&plan, &p, "windows-leases.csv");
    assert_eq!(summary(&p, &m, &plan),
        "Read as Windows DHCP leases (CSV): 5 addresses in use; 1 reserved entry to add; segment aks-seg: DHCP leases in use 0 → 3; \
         skipped as not in use: 1 declined, 1 expired; 1 row that does not read skipped.");
    // The second time: nothing to add, one the plan has already.
    let again = merge(&m.plan, &p, "windows-leases.csv");
    assert_eq!(summary(&p, &again, &m.plan),
        "Read as Windows DHCP leases (CSV): 5 addresses in use; 0 reserved entries to add; 1 the plan has already; \
         skipped as not in use: 1 declined, 1 expired; 1 row that does not read skipped.");
    // A clean list: no skipped parts at all.
    let list = parse("10.1.0.1\n10.1.0.9\n").unwrap();
    assert_eq!(summary(&list, &merge(&plan, &list, "l"), &plan), "Read as list of addresses: 2 addresses in use; 2 reserved entries to add.");
}

#[test]
fn the_preview_keeps_the_first_rows_counts_them_all_and_the_merged_plan_crosses_as_a_plan_file() {
    // Five unnamed addresses apart from each other (five entries) and three rows that do not read.
    let text = "10.20.0.60\n10.20.0.62\n10.20.0.64\nnot-an-address\n10.20.0.66\n10.20.0.999\n10.20.0.68\nx y z\n";
    let (p, plan) = preview(&Plan::example(), text, "pasted", "the pasted text", 2).unwrap();
    let added: Vec<&str> = p.added.iter().map(|r| r.addresses.as_str()).collect();
    assert_eq!((added, p.added_total), (vec!["10.20.0.60", "10.20.0.62"], 5));
    assert_eq!((p.bad.iter().map(|b| b.0).collect::<Vec<_>>(), p.bad_total), (vec![4, 6], 3));
    assert!(p.changes);
    assert_eq!(plan.reserved.len(), Plan::example().reserved.len() + 5);
    assert!(p.summary.starts_with("Read as "), "{}", p.summary);
    // Once accepted, the notice says what was done and names where it came from.
    assert_eq!(p.done, "Added 5 addresses in use from the pasted text (read as list of addresses: 5 addresses in use); 3 rows that do not read skipped.");
    // Accepted, the merged plan crosses to the page as a plan file and comes back the same.
    assert_eq!(Plan::from_json(&plan.to_json()).unwrap(), plan);
    // Importing it again changes nothing, and says so.
    let (again, _) = preview(&plan, text, "pasted", "the pasted text", 2).unwrap();
    assert_eq!((again.changes, again.added_total), (false, 0));
    assert_eq!(preview(&Plan::example(), "", "pasted", "x", 2), Err(ImportError::Empty));
}

#[test]
fn a_scan_that_finds_the_plans_own_addresses_does_not_add_them() {
    // nmap-contoso.gnmap scanned the Contoso lab (examples/contoso.json): .1 is its gateway, .2
    // and .3 its DNS servers, .5 and .6 the resource bridge, .10 vCenter (a reserved entry), .20
    // cluster-a's control plane IP, .31 in cluster-a's load balancer range 10.20.0.30-10.20.0.32;
    // .25, .26 and .27 are not in the plan.
    let p = parse(&sample("nmap-contoso.gnmap")).unwrap();
    assert_eq!(p.used.len(), 11);
    let plan = Plan::example();
    let m = merge(&plan, &p, "nmap-contoso.gnmap");
    let added: Vec<(&str, &str)> = m.added().iter().map(|r| (r.name.as_str(), r.addresses.as_str())).collect();
    assert_eq!(added, [("nmap-contoso.gnmap: files.contoso.local", "10.20.0.25"), ("nmap-contoso.gnmap", "10.20.0.26-10.20.0.27")]);
    assert_eq!(m.added_addresses, 3);
    let own: Vec<(String, &str)> = m.own.iter().map(|o| (o.range.to_string(), o.kind.word())).collect();
    let want = [
        ("10.20.0.1", "gateway"),
        ("10.20.0.2", "DNS server"),
        ("10.20.0.3", "DNS server"),
        ("10.20.0.5", "resource bridge control plane IP"),
        ("10.20.0.6", "resource bridge appliance VM IPs"),
        ("10.20.0.20", "control plane IP"),
        ("10.20.0.31", "load balancer pool"),
    ];
    assert_eq!(own, want.map(|(a, k)| (a.to_string(), k)));
    assert!(m.own[6].label.contains("10.20.0.30-10.20.0.32") && m.own[6].label.contains("cluster-a"), "{}", m.own[6].label);
    // vCenter's address is a reserved entry of the plan already.
    assert_eq!(m.already, 1);
    assert_eq!(m.plan.reserved.len(), plan.reserved.len() + 2);
    // Nothing the plan claims for itself now conflicts with an imported entry.
    let report = aksarc_netplan::check::evaluate(&m.plan);
    for f in &report.findings {
        assert!(!f.message.contains("nmap-contoso"), "{}", f.message);
    }
    assert_eq!(aksarc_netplan::used::summary(&p, &m, &plan),
        "Read as nmap grepable output: 11 addresses in use; 2 reserved entries to add; 7 addresses are the plan's own (gateway, DNS server, \
         resource bridge control plane IP, resource bridge appliance VM IPs, control plane IP, load balancer pool) and will not be added; \
         1 the plan has already.");
    assert_eq!(aksarc_netplan::used::done(&p, &m, &plan, "nmap-contoso.gnmap"),
        "Added 3 addresses in use from nmap-contoso.gnmap as 2 reserved entries (read as nmap grepable output: 11 addresses in use); \
         7 addresses are the plan's own (gateway, DNS server, resource bridge control plane IP, resource bridge appliance VM IPs, \
         control plane IP, load balancer pool) and were not added; 1 the plan has already.");
    // The second time: nothing to add.
    let again = merge(&m.plan, &p, "nmap-contoso.gnmap");
    // .10, .25, .26 and .27 lie in reserved entries of the plan now.
    assert_eq!((again.plan == m.plan, again.added().len(), again.own.len(), again.already), (true, 0, 7, 4));
}

#[test]
fn leases_on_an_azure_local_plans_own_addresses_are_recognised() {
    // examples/azure-local.json: gateway 10.220.32.1, DNS servers .16 and .17, IP pool
    // 10.220.32.18-10.220.32.37, cluster-a's load balancer range .47-.49.
    let al = aksarc_netplan::platform::azure_local::AZURE_LOCAL.example();
    let leases = "\"IPAddress\",\"ScopeId\",\"AddressState\",\"HostName\"\n\
        \"10.220.32.1\",\"10.220.32.0\",\"ActiveReservation\",\"router\"\n\
        \"10.220.32.16\",\"10.220.32.0\",\"ActiveReservation\",\"dns1\"\n\
        \"10.220.32.20\",\"10.220.32.0\",\"Active\",\"node-1\"\n\
        \"10.220.32.48\",\"10.220.32.0\",\"Active\",\"\"\n\
        \"10.220.32.60\",\"10.220.32.0\",\"Active\",\"laptop\"\n";
    let p = parse(leases).unwrap();
    assert_eq!(p.format, Format::WindowsLeases);
    let m = merge(&al, &p, "leases.csv");
    assert_eq!(m.added(), [Reserved { name: "leases.csv: laptop".into(), addresses: "10.220.32.60".into() }]);
    let own: Vec<(String, &str)> = m.own.iter().map(|o| (o.range.to_string(), o.kind.word())).collect();
    assert_eq!(own, [("10.220.32.1", "gateway"), ("10.220.32.16", "DNS server"), ("10.220.32.20", "IP pool"), ("10.220.32.48", "load balancer pool")]
        .map(|(a, k)| (a.to_string(), k)));
    assert_eq!(aksarc_netplan::used::done(&p, &m, &al, "leases.csv"),
        "Added 1 address in use from leases.csv (read as Windows DHCP leases (CSV): 5 addresses in use); \
         4 addresses are the plan's own (gateway, DNS server, IP pool, load balancer pool) and were not added.");
    // A range that only partly lies in what the plan claims is in use beside it: it is added.
    let list = parse("10.220.32.36-10.220.32.40\n").unwrap();
    let m = merge(&al, &list, "l");
    assert_eq!((m.added().len(), m.own.len()), (1, 0));
}

proptest! {
    /// Against every claim of the plan, one by one: an address in use is the plan's own when a
    /// claim of its own (not a subnet, DHCP scope, reserved entry or internal range) holds it
    /// whole, and then it is not added; every other address is added or counted as had already.
    #[test]
    fn the_plans_own_addresses_are_found_as_a_pairwise_search_finds_them(
        plan in support::gen::plan(&support::gen::small_space()),
        list in prop::collection::vec(support::gen::small_set(), 0..12),
    ) {
        use aksarc_netplan::claims::{resolve, ClaimKind};
        let text: String = list.iter().map(|l| format!("{l}\n")).collect();
        let Ok(parsed) = parse(&text) else { return Ok(()) };
        let m = merge(&plan, &parsed, "scan");
        let claims = resolve(&plan).claims;
        let own_kind = |k: ClaimKind| !matches!(k, ClaimKind::Subnet | ClaimKind::Dhcp | ClaimKind::Reserved | ClaimKind::Internal);
        let mut want: Vec<String> = Vec::new();
        for u in &parsed.used {
            if claims.iter().any(|c| own_kind(c.kind) && c.range.contains_range(&u.range)) && !want.contains(&u.range.to_string()) {
                want.push(u.range.to_string());
            }
        }
        let got: Vec<String> = m.own.iter().map(|o| o.range.to_string()).collect();
        prop_assert_eq!(&got, &want);
        for o in &m.own {
            prop_assert!(own_kind(o.kind) && claims.iter().any(|c| c.kind == o.kind && c.label == o.label && c.range.contains_range(&o.range)));
        }
        // What the plan owns is never added.
        for r in m.added() {
            prop_assert!(!want.contains(&r.addresses), "{} was added", r.addresses);
        }
    }
}
