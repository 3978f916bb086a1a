//! `aksarc-netplan`: natively the command-line interface, in the browser (wasm32) the page.
//!
//! The CLI only reads arguments and files and prints; every answer comes from the engine.
//! Exit codes: 0 the plan has no error, 1 it has errors, 2 the input is unreadable or not a plan.
//! `export` exits 0 whenever it prints (a plan with errors still exports).

#[cfg(target_arch = "wasm32")]
fn main() {
    aksarc_netplan::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run());
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{IsTerminal, Read, Write};

    use aksarc_netplan::{check::evaluate, convert, exports, link, model::{Plan, PlatformId, MAX_PLAN_BYTES}, report, suggest::suggest};
    use aksarc_netplan::names::printable_lines;
    use aksarc_netplan::text::{self, TextError};
    use clap::{Parser, Subcommand, ValueEnum};

    /// Network planner for AKS enabled by Azure Arc: on Azure Local, multi-rack, bare metal and VMware.
    #[derive(Parser)]
    #[command(name = "aksarc-netplan", version, about)]
    struct Args {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Format {
        Text,
        Json,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum DiffFormat {
        Text,
        Markdown,
        Json,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Print the requirement tables and findings; exit 1 when the plan has errors.
        Check {
            /// The plan (JSON, schema 1), or - for standard input.
            plan: String,
            #[arg(long, value_enum, default_value = "text")]
            format: Format,
        },
        /// Print the plan with missing control plane IPs, IP pools and load balancer ranges filled in.
        Suggest {
            /// The plan, or - for standard input.
            plan: String,
        },
        /// Print the plan moved to another platform (DHCP scopes become IP pools, the resource
        /// bridge's addresses become reserved entries; nothing is lost). Check it to see what the
        /// move still needs.
        Convert {
            /// The platform to move the plan to.
            #[arg(value_parser = platform_id)]
            to: PlatformId,
            /// The plan, or - for standard input.
            plan: String,
        },
        /// Print a share link that carries the whole plan in its fragment.
        Link {
            /// The plan, or - for standard input.
            plan: String,
            /// Address of the page; without it only the fragment (#...) is printed.
            #[arg(long)]
            base: Option<String>,
        },
        /// Read the addresses the network already uses (DHCP lease and reservation exports, ISC and
        /// Kea leases, NetBox or other IPAM CSV, nmap -oG, a plain list; recognised from the content)
        /// and print the plan with them as reserved entries. What was read and skipped goes to
        /// standard error.
        ImportUsed {
            /// The file of used addresses, or - for standard input.
            file: String,
            /// The plan to add them to (else a new, empty Azure Local plan).
            #[arg(long, value_name = "PLAN.json")]
            into: Option<String>,
        },
        /// Print the plan with what Azure already has, read from the Azure CLI's JSON output (az
        /// stack-hci-vm network lnet list, az aksarc list, az aksarc nodepool list, az k8s-runtime
        /// load-balancer list, in any order), marked existing.
        ImportAzure {
            /// The files, or - for standard input (once).
            #[arg(required = true)]
            files: Vec<String>,
            /// The plan to add them to (a new Azure Local plan without it).
            #[arg(long, value_name = "PLAN")]
            into: Option<String>,
        },
        /// Print what changed from one plan to another: added, removed and changed objects, the
        /// totals before and after, the findings that appear or go. Exit 0 when the plans are
        /// the same, 1 when they differ.
        Diff {
            /// The plan before: a plan file, a share link, or - for standard input.
            old: String,
            /// The plan after: a plan file, a share link, or - for standard input.
            new: String,
            #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
            format: DiffFormat,
        },
        /// Print the plan a share link carries, as JSON.
        Decode {
            /// A whole link, or just its fragment (with or without #); - for standard input.
            link: String,
        },
        /// Print an export of the plan, or write it to -o FILE: firewall lists and test scripts,
        /// MetalLB YAML, CSV, an xlsx workbook, DHCP exclusions.
        #[command(after_help = export_kinds_help())]
        Export {
            /// What to export (the kinds are listed below).
            kind: String,
            /// The plan, or - for standard input.
            plan: String,
            /// metallb and bicepparam only: the file of this cluster alone (by its name in the plan).
            #[arg(long, value_name = "NAME")]
            cluster: Option<String>,
            /// map-svg only: the map of this network alone (by its name in the plan).
            #[arg(long, value_name = "NAME")]
            network: Option<String>,
            /// Deployment exports (az-*, arm, bicepparam) of a plan with errors: make them anyway,
            /// the errors listed first. Without it such a plan gets its errors and exit 1.
            #[arg(long)]
            force: bool,
            /// Write the file here instead of standard output; xlsx needs it unless standard
            /// output is a file or a pipe.
            #[arg(short, long, value_name = "FILE")]
            output: Option<std::path::PathBuf>,
        },
    }

    /// The kinds of `export`, one a line, for its help.
    fn export_kinds_help() -> String {
        let mut text = String::from("Kinds:\n");
        for kind in exports::Kind::ALL {
            text.push_str(&format!("  {:<18} {}\n", kind.name(), kind.description()));
        }
        text
    }

    /// Bad input: the message for stderr. Always exit 2.
    struct Fatal(String);

    fn read_input(path: &str) -> Result<String, Fatal> {
        read_limited(path, MAX_PLAN_BYTES, "no plan is that large")
    }

    /// A file of used addresses may be a large lease export. It is read line by line, so the
    /// limit bounds the time an import takes, not its memory.
    const MAX_USED_BYTES: u64 = 256 * 1024 * 1024;

    /// The message for a file that does not read as text, naming it.
    fn text_error(name: &str, e: TextError, why: &str) -> Fatal {
        Fatal(match e {
            TextError::Io(e) => format!("cannot read {name}: {e}"),
            TextError::TooLarge { .. } => format!("{name} {e}; {why}"),
            e => format!("{name} {e}"),
        })
    }

    /// A whole file (or standard input) as text, UTF-8 or UTF-16, refused over `max` bytes.
    fn read_limited(path: &str, max: usize, why: &str) -> Result<String, Fatal> {
        let mut bytes = Vec::new();
        // Read one byte past the limit so an oversized input is told apart from a full one.
        let limit = max as u64 + 1;
        let result = if path == "-" {
            std::io::stdin().take(limit).read_to_end(&mut bytes)
        } else {
            std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
        };
        let name = if path == "-" { "standard input" } else { path };
        result.map_err(|e| Fatal(format!("cannot read {name}: {e}")))?;
        if bytes.len() > max {
            return Err(text_error(name, TextError::TooLarge { mib: (max / (1024 * 1024)) as u64 }, why));
        }
        text::decode(&bytes).map_err(|e| text_error(name, e, why))
    }

    /// A platform's id as the plan file spells it; clap lists them in `--help`.
    fn platform_id(text: &str) -> Result<PlatformId, String> {
        text.parse()
    }

    fn read_plan(path: &str) -> Result<Plan, Fatal> {
        read_plan_sized(path).map(|(plan, _)| plan)
    }

    /// A plan and whether its file was compact JSON (one line), which the plan printed from it
    /// keeps.
    fn read_plan_sized(path: &str) -> Result<(Plan, bool), Fatal> {
        let text = read_input(path)?;
        let name = if path == "-" { "standard input" } else { path };
        let plan = Plan::from_json(&text).map_err(|e| Fatal(format!("{name}: {e}")))?;
        Ok((plan, !text.trim().contains('\n')))
    }

    /// A plan given as a file, a share link or standard input (either).
    fn read_plan_or_link(arg: &str) -> Result<Plan, Fatal> {
        let is_file = arg != "-" && std::path::Path::new(arg).is_file();
        if is_file || (arg != "-" && !arg.contains('#') && !arg.contains("://") && arg.ends_with(".json")) {
            return read_plan(arg);
        }
        let text = if arg == "-" { read_input("-")? } else { arg.to_string() };
        let name = if arg == "-" { "standard input" } else { arg };
        if text.trim_start().starts_with('{') {
            return Plan::from_json(&text).map_err(|e| Fatal(format!("{name}: {e}")));
        }
        link::decode(&text).map_err(|e| Fatal(format!("{name}: neither a plan file nor a share link: {e}")))
    }

    /// A message for standard error. It quotes plan and file text, so control characters are
    /// shown escaped: a name must not move the cursor, set the title or print a verdict.
    fn note(message: &str) {
        eprintln!("{}", printable_lines(message));
    }

    /// Prints a plan as JSON that `check` reads back: pretty, unless the plan it came from was
    /// compact (`compact`) or the pretty form would be over the limit a plan may hold; a plan
    /// over the limit even compact is not printed at all. `what` names the plan in the message.
    fn print_plan(plan: &Plan, compact: bool, what: &str) -> Result<(), Fatal> {
        let mib = MAX_PLAN_BYTES / (1024 * 1024);
        // The printed text ends with a line break, which the reader counts too.
        if !compact && plan.json_len(true) < MAX_PLAN_BYTES {
            out(&plan.to_json());
            return Ok(());
        }
        let size = plan.json_len(false);
        if size >= MAX_PLAN_BYTES {
            return Err(Fatal(format!(
                "{what} would be {size} bytes of JSON, over the {mib} MiB a plan may hold; nothing is written"
            )));
        }
        if !compact {
            note(&format!("note: the plan is written as compact JSON, on one line: indented, it would be over the {mib} MiB a plan may hold"));
        }
        out(&plan.to_compact_json());
        Ok(())
    }

    fn out(text: &str) {
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error worth a panic.
        let _ = stdout.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = stdout.write_all(b"\n");
        }
    }

    /// An export's file to `path`, or to standard output.
    fn write_output(path: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Fatal> {
        match path {
            Some(path) => std::fs::write(path, bytes).map_err(|e| Fatal(format!("cannot write {}: {e}", path.display()))),
            None => {
                // A closed pipe (`| head`) is not an error worth a panic.
                let _ = std::io::stdout().lock().write_all(bytes);
                Ok(())
            }
        }
    }

    fn execute(args: Args) -> Result<i32, Fatal> {
        match args.command {
            Command::Check { plan, format } => {
                let report = evaluate(&read_plan(&plan)?);
                match format {
                    // The text report shows the plan's control characters escaped itself.
                    Format::Text => out(&report::to_text(&report)),
                    Format::Json => out(&report::to_json(&report)),
                }
                Ok(if report.passes() { 0 } else { 1 })
            }
            Command::Suggest { plan } => {
                let (plan, compact) = read_plan_sized(&plan)?;
                let s = suggest(&plan);
                for f in &s.filled {
                    note(&format!("filled {} = {}", f.field, f.value));
                }
                for u in &s.unfilled {
                    note(&format!("not filled {}: {}", u.field, u.reason));
                }
                print_plan(&s.plan, compact, "the plan with the suggestions")?;
                Ok(0)
            }
            Command::Convert { to, plan } => {
                let (plan, compact) = read_plan_sized(&plan)?;
                let converted = convert::convert(&plan, to).map_err(|e| Fatal(e.to_string()))?;
                for line in convert::notes(&plan, to) {
                    note(&line);
                }
                print_plan(&converted, compact, &format!("the plan converted to {to}"))?;
                Ok(0)
            }
            Command::Link { plan, base } => {
                let plan = read_plan(&plan)?;
                let text = match base {
                    Some(base) => link::share_url(&base, &plan),
                    None => format!("#{}", link::encode(&plan)),
                };
                if text.len() > link::COMFORTABLE_LENGTH {
                    eprintln!(
                        "note: the link is {} characters; over {} some tools cut links, so share the JSON file instead",
                        text.len(),
                        link::COMFORTABLE_LENGTH
                    );
                }
                out(&text);
                Ok(0)
            }
            Command::Export { kind, plan, cluster, network, force, output } => {
                // The kind first: a typo should not wait for standard input.
                let kind = exports::Kind::from_name(&kind).map_err(|e| Fatal(e.to_string()))?;
                // Nor a binary file a terminal would show as noise.
                if kind.is_binary() && output.is_none() && std::io::stdout().is_terminal() {
                    return Err(Fatal(format!(
                        "the {kind} export is a binary file, not for a terminal: name the file with -o FILE (--output), or redirect standard output"
                    )));
                }
                let per_cluster = [exports::Kind::Metallb, exports::Kind::Bicepparam];
                if cluster.is_some() && !per_cluster.contains(&kind) {
                    return Err(Fatal(format!("--cluster applies to the metallb and bicepparam exports only, not to {}", kind.name())));
                }
                if network.is_some() && kind != exports::Kind::MapSvg {
                    return Err(Fatal(format!("--network applies to the map-svg export only, not to {}", kind.name())));
                }
                let plan = read_plan(&plan)?;
                if let Some(why) = kind.why_not(&plan) {
                    return Err(Fatal(why));
                }
                // A deployment builds only a plan that passes, unless asked to anyway.
                let failing = kind.deploys().then(|| aksarc_netplan::evaluate(&plan)).filter(|r| !r.passes());
                if let (Some(report), false) = (&failing, force) {
                    note(&format!("{}: the plan has {}; a deployment export is made only of a plan that passes. Fix these, or add --force:",
                        kind.name(), report.counts()));
                    for f in report.findings.iter().filter(|f| f.fails()) {
                        note(&format!("  {} {}: {}", f.rule, f.field, f.message));
                    }
                    return Ok(1);
                }
                let text = match (cluster, network) {
                    (_, Some(name)) => match exports::map_svg_network(&plan, &name) {
                        Some(svg) => svg,
                        None => {
                            let names: Vec<String> = plan.segments.iter().map(|s| format!("\"{}\"", s.name)).collect();
                            return Err(Fatal(format!("--network \"{name}\": the plan has no such network with a subnet to draw; its networks are {}",
                                if names.is_empty() { "none".to_string() } else { names.join(", ") })));
                        }
                    },
                    (Some(name), None) => {
                        let Some(c) = plan.clusters.iter().position(|cl| cl.name == name) else {
                            let names: Vec<String> = plan.clusters.iter().map(|cl| format!("\"{}\"", cl.name)).collect();
                            return Err(Fatal(format!("--cluster \"{name}\": the plan has no such cluster; its clusters are {}",
                                if names.is_empty() { "none".to_string() } else { names.join(", ") })));
                        };
                        if kind == exports::Kind::Metallb {
                            exports::metallb_cluster(&plan, c)
                        } else {
                            exports::bicepparam_cluster(&plan, c)
                        }
                    }
                    (None, None) if kind.is_binary() => return write_output(output.as_deref(), &exports::export_bytes(kind, &plan)).map(|()| 0),
                    (None, None) => exports::export(kind, &plan),
                };
                let mut text = match failing {
                    Some(report) => exports::with_plan_errors(kind, text, &report),
                    None => text,
                };
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                write_output(output.as_deref(), text.as_bytes())?;
                Ok(0)
            }
            Command::ImportUsed { file, into } => {
                // A new plan is for the platform a new plan on the page starts on.
                let (plan, compact) = match into {
                    Some(path) => read_plan_sized(&path)?,
                    None => (Plan { platform: aksarc_netplan::platform::first().id, ..Plan::default() }, false),
                };
                let name = if file == "-" { "standard input" } else { file.as_str() };
                let input: Box<dyn std::io::BufRead> = if file == "-" {
                    Box::new(std::io::stdin().lock())
                } else {
                    let f = std::fs::File::open(&file).map_err(|e| Fatal(format!("cannot read {name}: {e}")))?;
                    Box::new(std::io::BufReader::with_capacity(64 * 1024, f))
                };
                // Line by line: memory holds the addresses in use, not the file.
                let lines = text::Lines::new(input, MAX_USED_BYTES).map(|line| {
                    line.map_err(|e| text_error(name, e, "split it and import the parts").0)
                });
                let parsed = aksarc_netplan::used::read(lines).map_err(|e| match e {
                    aksarc_netplan::used::ImportError::Read(message) => Fatal(message),
                    e => Fatal(format!("{name}: {e}")),
                })?;
                let source = std::path::Path::new(&file).file_name().and_then(|f| f.to_str()).filter(|_| file != "-").unwrap_or("imported");
                let merged = aksarc_netplan::used::merge(&plan, &parsed, source);
                // The plan must fit what a plan may hold before anything is said to be added.
                let what = format!("the plan with the {} reserved entries from {name}", merged.added().len());
                print_plan(&merged.plan, compact, &what).map_err(|Fatal(e)| {
                    Fatal(format!("{e}: import the file in parts, into separate plans, or give whole ranges or CIDRs where hosts are neighbours"))
                })?;
                note(&aksarc_netplan::used::done(&parsed, &merged, &plan, name));
                for row in &parsed.bad {
                    note(&format!("  line {}: {}", row.line, row.reason));
                }
                if parsed.bad_total > parsed.bad.len() {
                    note(&format!("  ... and {} more rows that do not read", parsed.bad_total - parsed.bad.len()));
                }
                Ok(0)
            }
            Command::ImportAzure { files, into } => {
                let plan = match into {
                    Some(path) => read_plan(&path)?,
                    None => Plan::default(),
                };
                if files.iter().filter(|f| *f == "-").count() > 1 {
                    return Err(Fatal("standard input (-) can be read once".into()));
                }
                let mut texts = Vec::with_capacity(files.len());
                for file in &files {
                    let name = if file == "-" { "standard input".to_string() } else { file.clone() };
                    let text = read_limited(file, aksarc_netplan::model::MAX_PLAN_BYTES, "no Azure CLI output of a plan's objects is that large")?;
                    texts.push((name, text));
                }
                let imported = aksarc_netplan::azure::import(&texts, &plan).map_err(|e| Fatal(e.to_string()))?;
                for line in &imported.read {
                    note(&format!("read: {line}"));
                }
                note(&format!("read {} in all, marked as existing", imported.summary()));
                print_plan(&imported.plan, false, "the plan with what Azure has")?;
                Ok(0)
            }
            Command::Diff { old, new, format } => {
                if old == "-" && new == "-" {
                    return Err(Fatal("only one of the two plans can come from standard input".into()));
                }
                let (old, new) = (read_plan_or_link(&old)?, read_plan_or_link(&new)?);
                let d = aksarc_netplan::diff::diff(&old, &new);
                // Text for people shows the plans' control characters escaped; JSON keeps them exact.
                out(&match format {
                    DiffFormat::Text => printable_lines(&aksarc_netplan::diff::to_text(&d)),
                    DiffFormat::Markdown => printable_lines(&aksarc_netplan::diff::to_markdown(&d)),
                    DiffFormat::Json => aksarc_netplan::diff::to_json(&d),
                });
                Ok(if d.differs() { 1 } else { 0 })
            }
            Command::Decode { link: text } => {
                let text = if text == "-" { read_input("-")? } else { text };
                let plan = link::decode(&text).map_err(|e| Fatal(e.to_string()))?;
                print_plan(&plan, false, "the plan of the link")?;
                Ok(0)
            }
        }
    }

    pub fn run() -> i32 {
        let args = match Args::try_parse() {
            Ok(args) => args,
            Err(e) => {
                let code = if e.use_stderr() { 2 } else { 0 };
                let _ = e.print();
                return code;
            }
        };
        match execute(args) {
            Ok(code) => code,
            Err(Fatal(message)) => {
                note(&format!("aksarc-netplan: {message}"));
                2
            }
        }
    }
}
