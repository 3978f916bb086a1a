//! Preflight scripts (bash and PowerShell), run on the network before deploying: is every
//! address the plan assigns really free, do the firewall's hosts resolve, can they be reached?
//!
//! An address counts as in use when it answers a ping or accepts a TCP connection on 22, 80,
//! 443 or 6443 (SSH, web, the Kubernetes API): what a forgotten VM or appliance usually has
//! open. A refused connection does not count: it needs no host on some stacks (loopback), and a
//! host that refuses everything is rare.

use super::scripts::{script_rows, ScriptRow};
use super::*;

/// The most addresses a preflight script probes; the rest are named in a comment.
pub const MAX_PROBED: u128 = 4096;

/// One planned static address (or a range cut at [`MAX_PROBED`]) and what it is for.
struct Planned {
    range: AddrRange,
    /// A fixed word per kind (plan text never reaches the code).
    what: &'static str,
    /// The claim's label, for the comment above it.
    label: String,
}

fn planned(resolved: &Resolved) -> Vec<Planned> {
    let mut out: Vec<Planned> = resolved
        .claims
        .iter()
        .filter_map(|c| {
            let what = match c.kind {
                ClaimKind::ControlPlane => "control plane IP",
                ClaimKind::LbPool => "load balancer",
                ClaimKind::IpPool => "IP pool",
                ClaimKind::BridgeControlPlane | ClaimKind::BridgeVm => "resource bridge",
                ClaimKind::InfraPool => "infrastructure pool",
                _ => return None,
            };
            Some(Planned { range: c.range, what, label: c.label.clone() })
        })
        .collect();
    out.sort_by_key(|p| p.range);
    out
}

/// The addresses to probe, in order, each once, at most [`MAX_PROBED`]; and the ranges left out.
fn addresses(planned: &[Planned]) -> (Vec<(String, &'static str)>, Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut left = Vec::new();
    for p in planned {
        let mut a = p.range.start;
        loop {
            if (out.len() as u128) >= MAX_PROBED {
                left.push(format!("{} ({}) from {}", p.range, p.what, format_addr(p.range.family, a)));
                break;
            }
            if seen.insert((p.range.family, a)) {
                out.push((format_addr(p.range.family, a), p.what));
            }
            if a == p.range.end {
                break;
            }
            a += 1;
        }
    }
    (out, left)
}

/// The concrete hosts of the checklist with their port and scheme, and the plan's DNS servers
/// (as the claims parsed them), each once.
fn hosts(plan: &Plan, resolved: &Resolved) -> (Vec<(String, u16, bool)>, Vec<String>) {
    let probes = script_rows(&checklist(plan))
        .into_iter()
        .filter_map(|r| match r {
            ScriptRow::Probe { host, port, tls } => Some((host, port, tls)),
            ScriptRow::ByHand { .. } => None,
        })
        .collect();
    let mut dns: Vec<String> = Vec::new();
    for claim in resolved.claims.iter().filter(|c| c.kind == ClaimKind::Dns) {
        let text = claim.range.to_string();
        if !dns.contains(&text) {
            dns.push(text);
        }
    }
    (probes, dns)
}

pub(super) fn preflight_sh(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let planned = planned(&resolved);
    let (probe, left) = addresses(&planned);
    let (hosts, dns) = hosts(plan, &resolved);
    let mut out = String::from("#!/usr/bin/env bash\n");
    out.push_str(&header("Preflight check", plan));
    out.push('\n');
    let _ = writeln!(out, "# Plan: {}", comment_text(plan_name(plan)));
    out.push_str(SH_HEADER);
    for p in &planned {
        let _ = writeln!(out, "#   {}", comment_text(&p.label));
    }
    for l in &left {
        let _ = writeln!(out, "# Not probed (over {MAX_PROBED} addresses): {l}");
    }
    out.push_str(SH_BODY);
    out.push_str("planned=(\n");
    for (address, what) in &probe {
        let _ = writeln!(out, "  '{address}|{what}'");
    }
    out.push_str(")\nhosts=(\n");
    for (host, port, tls) in &hosts {
        let _ = writeln!(out, "  '{host}|{port}|{}'", if *tls { "https" } else { "http" });
    }
    out.push_str(")\ndns_servers=(");
    out.push_str(&dns.iter().map(|d| format!("'{d}'")).collect::<Vec<_>>().join(" "));
    out.push_str(")\n");
    out.push_str(SH_RUN);
    out
}

const SH_HEADER: &str = r#"#
# Run it before deploying, from a machine on the planned network (a node of the segment or
# logical network, or the deployment machine):
#   1. every address the plan assigns (control plane IPs, load balancer ranges, IP pools, the
#      resource bridge): "free", or "IN USE" with what answered (ping; TCP 22, 80, 443, 6443);
#   2. a DNS lookup of every concrete host of the firewall checklist through each of the plan's
#      DNS servers (DNS over TCP; this machine's resolver when the plan names none);
#   3. an HTTPS (or HTTP) request to each of those hosts: any answer means it is reachable.
# Options: --addresses, --dns, --https choose the parts (all three when none is given);
#   --no-ping leaves ICMP out (many networks drop it).
# Settings (environment variables):
#   AKSARC_TIMEOUT        seconds per address probe (default 1)
#   AKSARC_PARALLEL       addresses probed at once (default 64)
#   AKSARC_HTTPS_TIMEOUT  seconds per DNS lookup and HTTPS request (default 5)
#   AKSARC_DNS_PORT       the DNS servers' port (default 53; for tests)
# Exit status: 1 a planned address answered, 2 only a lookup or a reach test failed, 0 all clear,
#   64 a bad option or setting.
# Needs only what a Linux node has: bash (/dev/tcp), timeout, od, ping, getent, curl.
#
# Planned addresses:
"#;

const SH_BODY: &str = r#"set -u

do_addresses=0
do_dns=0
do_https=0
use_ping=1
for arg in "$@"; do
  case "$arg" in
    --addresses) do_addresses=1 ;;
    --dns) do_dns=1 ;;
    --https) do_https=1 ;;
    --no-ping) use_ping=0 ;;
    *)
      echo "unknown option: $arg (options: --addresses --dns --https --no-ping)" >&2
      exit 64 ;;
  esac
done
if [ $((do_addresses + do_dns + do_https)) -eq 0 ]; then
  do_addresses=1
  do_dns=1
  do_https=1
fi

timeout_s="${AKSARC_TIMEOUT:-1}"
parallel="${AKSARC_PARALLEL:-64}"
https_timeout="${AKSARC_HTTPS_TIMEOUT:-5}"
for setting in "AKSARC_TIMEOUT=$timeout_s" "AKSARC_HTTPS_TIMEOUT=$https_timeout"; do
  value="${setting#*=}"
  if ! [[ "$value" =~ ^[0-9]+([.][0-9]+)?$ ]] || [[ "$value" =~ ^0*([.]0*)?$ ]]; then
    echo "${setting%%=*} must be a positive number of seconds" >&2
    exit 64
  fi
done
if ! [[ "$parallel" =~ ^[0-9]+$ ]] || [ "$parallel" -lt 1 ]; then
  echo "AKSARC_PARALLEL must be a whole number from 1" >&2
  exit 64
fi
if [ "$use_ping" = 1 ] && ! command -v ping >/dev/null 2>&1; then
  echo "note: ping is not installed; addresses are tested by TCP only" >&2
  use_ping=0
fi
# ping waits whole seconds.
ping_wait="${timeout_s%.*}"
if [ -z "$ping_wait" ] || [ "$ping_wait" -lt 1 ]; then
  ping_wait=1
fi

dns_port="${AKSARC_DNS_PORT:-53}"
if ! [[ "$dns_port" =~ ^[0-9]{1,5}$ ]] || [ "$dns_port" -lt 1 ] || [ "$dns_port" -gt 65535 ]; then
  echo "AKSARC_DNS_PORT must be a port number from 1 to 65535" >&2
  exit 64
fi

# dns_lookup HOST SERVER: asks SERVER (DNS over TCP, bash's /dev/tcp) for HOST's A record;
# true when it answers without error and with at least one record (a CNAME chain counts).
dns_lookup() {
  local host="$1" server="$2" labels label query="" length=17 reply
  local -a bytes
  IFS=. read -r -a labels <<< "$host"
  for label in "${labels[@]}"; do
    query+="$(printf '\\%03o' "${#label}")$label"
    length=$((length + ${#label} + 1))
  done
  # Length, id 1, recursion desired, one question; the name; type A, class IN.
  query="$(printf '\\%03o\\%03o' $((length / 256)) $((length % 256)))\\000\\001\\001\\000\\000\\001\\000\\000\\000\\000\\000\\000${query}\\000\\000\\001\\000\\001"
  # shellcheck disable=SC2016
  reply="$(timeout "$https_timeout" bash -c 'exec 3<>"/dev/tcp/$1/$2" || exit 1; printf "$3" >&3; head -c 12 <&3 | od -An -tu1' _ "$server" "$dns_port" "$query" 2>/dev/null)" || return 1
  read -r -a bytes <<< "$reply"
  # After the length: id, flags (the answer code in the low bits of the second), questions, answers.
  [ "${#bytes[@]}" -ge 10 ] && [ $((bytes[5] & 15)) -eq 0 ] && [ $((bytes[8] * 256 + bytes[9])) -gt 0 ]
}

work="$(mktemp -d)" || exit 64
trap 'rm -rf "$work"' EXIT

# check_address N ADDRESS WHAT: writes the address's line to $work/N.
check_address() {
  local n="$1" ip="$2" what="$3" port answered
  if [ "$use_ping" = 1 ]; then
    ( if ping -c 1 -W "$ping_wait" "$ip" >/dev/null 2>&1; then echo ping; fi ) > "$work/$n.p" &
  fi
  for port in 22 80 443 6443; do
    # shellcheck disable=SC2016
    ( if timeout "$timeout_s" bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$ip" "$port" 2>/dev/null; then echo "tcp/$port"; fi ) > "$work/$n.$port" &
  done
  wait
  answered="$(cat "$work/$n".* 2>/dev/null | tr '\n' ' ')"
  rm -f "$work/$n".*
  if [ -n "$answered" ]; then
    printf 'IN USE  %-15s  %s (answered: %s)\n' "$ip" "$what" "${answered% }" > "$work/$n"
  else
    printf 'free    %-15s  %s\n' "$ip" "$what" > "$work/$n"
  fi
}

"#;

const SH_RUN: &str = r#"
in_use=0
failed=0

if [ "$do_addresses" = 1 ]; then
  echo "Planned addresses (${#planned[@]}; ping$( [ "$use_ping" = 1 ] || echo ' skipped') and TCP 22, 80, 443, 6443, ${timeout_s} s each):"
  n=0
  for entry in "${planned[@]}"; do
    check_address "$n" "${entry%%|*}" "${entry#*|}" &
    n=$((n + 1))
    if [ $((n % parallel)) -eq 0 ]; then
      wait
    fi
  done
  wait
  for ((i = 0; i < n; i++)); do
    line="$(cat "$work/$i")"
    echo "$line"
    if [[ "$line" == "IN USE"* ]]; then
      in_use=$((in_use + 1))
    fi
  done
fi

if [ "$do_dns" = 1 ]; then
  echo
  if [ "${#dns_servers[@]}" -eq 0 ]; then
    echo "DNS (the plan names no DNS server: this machine's resolver):"
    for entry in "${hosts[@]}"; do
      host="${entry%%|*}"
      if getent ahosts "$host" >/dev/null 2>&1; then
        echo "resolved     $host"
      else
        echo "NOT RESOLVED $host"
        failed=$((failed + 1))
      fi
    done
  fi
  for server in "${dns_servers[@]}"; do
    echo "DNS through $server (TCP port $dns_port):"
    for entry in "${hosts[@]}"; do
      host="${entry%%|*}"
      if dns_lookup "$host" "$server"; then
        echo "resolved     $host"
      else
        echo "NOT RESOLVED $host"
        failed=$((failed + 1))
      fi
    done
  done
fi

if [ "$do_https" = 1 ]; then
  echo
  echo "Reach (any answer counts; direct, not through a proxy):"
  if ! command -v curl >/dev/null 2>&1; then
    echo "curl is not installed: the reach test is skipped" >&2
    failed=$((failed + 1))
    hosts=()
  fi
  for entry in "${hosts[@]}"; do
    host="${entry%%|*}"
    rest="${entry#*|}"
    port="${rest%%|*}"
    scheme="${rest#*|}"
    curl --silent --output /dev/null --noproxy '*' --connect-timeout "$https_timeout" --max-time "$https_timeout" "$scheme://$host:$port/" 2>/dev/null
    case "$?" in
      6|7|28|35|52|56)
        echo "NOT REACHED  $host:$port"
        failed=$((failed + 1)) ;;
      *) echo "reached      $host:$port" ;;
    esac
  done
fi

echo
echo "$in_use planned address(es) in use, $failed lookup or reach test(s) failed"
if [ "$in_use" -gt 0 ]; then
  exit 1
fi
if [ "$failed" -gt 0 ]; then
  exit 2
fi
exit 0
"#;

pub(super) fn preflight_ps1(plan: &Plan) -> String {
    let resolved = resolve(plan);
    let planned = planned(&resolved);
    let (probe, left) = addresses(&planned);
    let (hosts, dns) = hosts(plan, &resolved);
    let mut out = String::new();
    out.push_str(&header("Preflight check", plan));
    out.push('\n');
    let _ = writeln!(out, "# Plan: {}", comment_ascii(plan_name(plan)));
    out.push_str(PS1_HEADER);
    for p in &planned {
        let _ = writeln!(out, "#   {}", comment_ascii(&p.label));
    }
    for l in &left {
        let _ = writeln!(out, "# Not probed (over {MAX_PROBED} addresses): {l}");
    }
    out.push_str(PS1_BODY);
    out.push_str("$planned = @(\n");
    for (i, (address, what)) in probe.iter().enumerate() {
        let _ = writeln!(out, "    [pscustomobject]@{{ Index = {i}; Address = '{address}'; What = '{what}' }}");
    }
    out.push_str(")\n$hosts = @(\n");
    for (host, port, tls) in &hosts {
        let _ = writeln!(out, "    [pscustomobject]@{{ Host = '{host}'; Port = {port}; Scheme = '{}' }}", if *tls { "https" } else { "http" });
    }
    out.push_str(")\n$dnsServers = @(");
    out.push_str(&dns.iter().map(|d| format!("'{d}'")).collect::<Vec<_>>().join(", "));
    out.push_str(")\n");
    out.push_str(PS1_RUN);
    out
}

const PS1_HEADER: &str = r#"#
# Run it before deploying, from a Windows machine on the planned network:
#   1. every address the plan assigns (control plane IPs, load balancer ranges, IP pools, the
#      resource bridge): "free", or "IN USE" with what answered (ping; TCP 22, 80, 443, 6443);
#   2. Resolve-DnsName of every concrete host of the firewall checklist through each of the
#      plan's DNS servers;
#   3. an HTTPS (or HTTP) request to each of those hosts: any answer means it is reachable.
# Options: -Addresses, -Dns, -Https choose the parts (all three when none is given); -NoPing
#   leaves ICMP out. Ping and TCP use .NET's Ping and TcpClient with a timeout (AKSARC_TIMEOUT
#   seconds, default 1), which Test-Connection and Test-NetConnection do not offer on every
#   PowerShell; on PowerShell 7 addresses are probed 64 at a time.
# Exit status: 1 a planned address answered, 2 only a lookup or a reach test failed, 0 all clear.
#
# Planned addresses:
"#;

const PS1_BODY: &str = r#"param([switch]$Addresses, [switch]$Dns, [switch]$Https, [switch]$NoPing)
if (-not ($Addresses -or $Dns -or $Https)) {
    $Addresses = $true
    $Dns = $true
    $Https = $true
}
$timeout = 1.0
if ($env:AKSARC_TIMEOUT) {
    $timeout = 0.0
    $ok = [double]::TryParse($env:AKSARC_TIMEOUT, [System.Globalization.NumberStyles]::Float,
        [System.Globalization.CultureInfo]::InvariantCulture, [ref]$timeout)
    if (-not $ok -or $timeout -le 0) {
        [Console]::Error.WriteLine('AKSARC_TIMEOUT must be a positive number of seconds')
        exit 64
    }
}
# The probe reads its settings from the environment, which parallel runspaces share.
$env:AKSARC_PREFLIGHT_MS = [string][int]($timeout * 1000)
$env:AKSARC_PREFLIGHT_PING = if ($NoPing) { '0' } else { '1' }

"#;

const PS1_RUN: &str = r#"
$probe = {
    $ms = [int]$env:AKSARC_PREFLIGHT_MS
    $answered = @()
    if ($env:AKSARC_PREFLIGHT_PING -eq '1') {
        try {
            $reply = (New-Object System.Net.NetworkInformation.Ping).Send($_.Address, $ms)
            if ($reply.Status -eq 'Success') { $answered += 'ping' }
        } catch { }
    }
    $tries = foreach ($port in 22, 80, 443, 6443) {
        $client = New-Object System.Net.Sockets.TcpClient
        [pscustomobject]@{ Port = $port; Client = $client; Task = $client.ConnectAsync($_.Address, $port) }
    }
    foreach ($try in $tries) {
        try {
            if ($try.Task.Wait($ms) -and $try.Client.Connected) { $answered += "tcp/$($try.Port)" }
        } catch { }
        $try.Client.Dispose()
    }
    [pscustomobject]@{ Index = $_.Index; Address = $_.Address; What = $_.What; Answered = ($answered -join ' ') }
}

$inUse = 0
$failed = 0
if ($Addresses) {
    Write-Output "Planned addresses ($($planned.Count)):"
    if ($PSVersionTable.PSVersion.Major -ge 7) {
        $results = $planned | ForEach-Object -Parallel $probe -ThrottleLimit 64
    } else {
        $results = $planned | ForEach-Object $probe
    }
    foreach ($r in ($results | Sort-Object Index)) {
        if ($r.Answered) {
            $inUse++
            Write-Output ("IN USE  {0,-15}  {1} (answered: {2})" -f $r.Address, $r.What, $r.Answered)
        } else {
            Write-Output ("free    {0,-15}  {1}" -f $r.Address, $r.What)
        }
    }
}

if ($Dns) {
    Write-Output ''
    Write-Output 'DNS:'
    foreach ($h in $hosts) {
        foreach ($server in $dnsServers) {
            try {
                Resolve-DnsName -Name $h.Host -Server $server -DnsOnly -QuickTimeout -ErrorAction Stop | Out-Null
                Write-Output ("resolved     {0} (through {1})" -f $h.Host, $server)
            } catch {
                $failed++
                Write-Output ("NOT RESOLVED {0} (through {1})" -f $h.Host, $server)
            }
        }
    }
}

if ($Https) {
    Write-Output ''
    Write-Output 'Reach (any answer counts):'
    foreach ($h in $hosts) {
        $uri = "$($h.Scheme)://$($h.Host):$($h.Port)/"
        try {
            Invoke-WebRequest -Uri $uri -Method Head -TimeoutSec 5 -UseBasicParsing -ErrorAction Stop | Out-Null
            Write-Output ("reached      {0}:{1}" -f $h.Host, $h.Port)
        } catch {
            if ($_.Exception.Response) {
                Write-Output ("reached      {0}:{1}" -f $h.Host, $h.Port)
            } else {
                $failed++
                Write-Output ("NOT REACHED  {0}:{1}" -f $h.Host, $h.Port)
            }
        }
    }
}

Write-Output ''
Write-Output "$inUse planned address(es) in use, $failed lookup or reach test(s) failed"
if ($inUse -gt 0) { exit 1 }
if ($failed -gt 0) { exit 2 }
exit 0
"#;
