//! The connectivity scripts (bash and PowerShell): probe every concrete host of the checklist
//! from a node and print PASS or FAIL per row.

use super::firewall::{is_host_row, is_replaced};
use crate::firewall::{Protocol, RowKind, Section};
use super::*;

/// A host a connectivity script tests, or a row it lists for checking by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum ScriptRow {
    Probe { host: String, port: u16, tls: bool },
    ByHand { host: String, port: String, why: &'static str },
}

/// The connectivity scripts' rows in checklist order, each host and port once, plus the rows they
/// leave out (for the header comment).
pub(super) fn script_rows(rows: &[Row]) -> Vec<ScriptRow> {
    let mut out: Vec<ScriptRow> = Vec::new();
    for row in rows.iter().filter(|r| is_host_row(r)) {
        for &port in &row.ports {
            let item = if row.wildcard {
                ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "a wildcard cannot be probed" }
            } else {
                match row.protocol {
                    p if p.connects() && port > 0 => {
                        ScriptRow::Probe { host: row.star_form.clone(), port, tls: row.protocol == Protocol::Https }
                    }
                    Protocol::Udp => ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "UDP cannot be probed" },
                    _ => ScriptRow::ByHand { host: row.star_form.clone(), port: port.to_string(), why: "no probe for this port" },
                }
            };
            let same = |o: &ScriptRow| match (o, &item) {
                (ScriptRow::Probe { host: a, port: p, .. }, ScriptRow::Probe { host: b, port: q, .. }) => a == b && p == q,
                (ScriptRow::ByHand { host: a, port: p, .. }, ScriptRow::ByHand { host: b, port: q, .. }) => a == b && p == q,
                _ => false,
            };
            if !out.iter().any(same) {
                out.push(item);
            }
        }
    }
    out
}

/// What the scripts do not probe, in words, one entry per line of the header.
fn not_probed(rows: &[Row]) -> Vec<String> {
    let mut out = Vec::new();
    if rows.iter().any(|r| r.kind == RowKind::DnsServers) {
        out.push("the DNS servers (port 53)".to_string());
    }
    if rows.iter().any(|r| r.kind == RowKind::Port && r.section == Section::ResourceBridge) {
        out.push("the ports between the management machine, the resource bridge appliance VMs and vCenter".to_string());
    }
    for row in rows {
        for old in row.also.iter().filter(|a| is_replaced(a)) {
            out.push(format!("{old} (replaced by {} in 2025)", row.star_form));
        }
    }
    out
}

/// Why the probes go direct, by whether the platform supports a proxy at all.
fn proxy_note(plan: &Plan) -> String {
    let p = platform::of(plan);
    if p.proxy_supported {
        "behind a proxy, run the script where traffic may go direct, or read a FAIL as the proxy's.".to_string()
    } else {
        format!("{} does not support a proxy.", p.name)
    }
}

pub(super) fn connectivity_sh(plan: &Plan) -> String {
    let rows = checklist(plan);
    let items = script_rows(&rows);
    let mut out = String::new();
    out.push_str("#!/usr/bin/env bash\n");
    out.push_str(&header("Connectivity test", plan));
    out.push('\n');
    let _ = writeln!(out, "# Plan: {}", comment_text(plan_name(plan)));
    let _ = writeln!(out, "# Region: {}", comment_text(&plan.region));
    out.push_str(&SH_HEADER.replace("{PROXY}", &proxy_note(plan)));
    for what in not_probed(&rows) {
        let _ = writeln!(out, "#   {what}");
    }
    out.push_str(SH_BODY);
    for item in &items {
        match item {
            ScriptRow::Probe { host, port, tls } => {
                let _ = writeln!(out, "probe '{host}' {port} {}", if *tls { "https" } else { "http" });
            }
            ScriptRow::ByHand { host, port, why } => {
                let _ = writeln!(out, "by_hand '{host}' '{port}' '{why}'");
            }
        }
    }
    out.push_str(SH_FOOTER);
    out
}

const SH_HEADER: &str = r#"#
# Run it on a node VM, or on the machine that deploys the clusters, in the planned segment. It
# connects to every concrete host of the firewall checklist on its port and prints PASS or FAIL
# per host, then a summary. Wildcard and UDP rows cannot be probed: they are printed as CHECK,
# for checking the firewall rule by hand.
#
# How a probe is judged (curl's exit code): 6 (name not resolved), 7 (could not connect) and
# 28 (timed out) are FAIL, and so is a connection that is reset or closed before any answer (the
# usual sign of a firewall that filters by name). Anything else is PASS: the TCP connection was
# made and the host answered, even with an HTTP error status or a TLS error (for example a
# certificate that a TLS-inspecting device replaced); curl's exit code is then shown. Probes go
# direct (--noproxy '*'): {PROXY} Without curl, bash's /dev/tcp
# and timeout(1) test the TCP connection only.
#
# Settings (environment variables):
#   AKSARC_TIMEOUT  seconds per probe (default 5)
#   AKSARC_RESOLVE  connect every probe to this address instead of the host's (for tests)
#   AKSARC_PORT     connect every probe to this port instead of the row's (for tests)
# Exit status: 0 every probe passed, 1 a probe failed, 2 bad settings or neither curl nor timeout.
#
# Not probed here (see the checklist):
"#;

const SH_BODY: &str = r#"set -u

timeout_s="${AKSARC_TIMEOUT:-5}"
resolve_to="${AKSARC_RESOLVE:-}"
port_to="${AKSARC_PORT:-}"

if ! [[ "$timeout_s" =~ ^[0-9]+([.][0-9]+)?$ ]] || [[ "$timeout_s" =~ ^0*([.]0*)?$ ]]; then
  echo "AKSARC_TIMEOUT must be a positive number of seconds" >&2
  exit 2
fi
if [ -n "$port_to" ]; then
  if ! [[ "$port_to" =~ ^[0-9]{1,5}$ ]] || [ $((10#$port_to)) -lt 1 ] || [ $((10#$port_to)) -gt 65535 ]; then
    echo "AKSARC_PORT must be a port number from 1 to 65535" >&2
    exit 2
  fi
  port_to=$((10#$port_to))
fi

if command -v curl >/dev/null 2>&1; then
  method=curl
elif command -v timeout >/dev/null 2>&1; then
  method=tcp
  echo "note: curl not found; testing TCP connections only" >&2
else
  echo "neither curl nor timeout is installed; install curl and run again" >&2
  exit 2
fi
if [ -n "$resolve_to$port_to" ]; then
  echo "note: every probe connects to ${resolve_to:-the host} on port ${port_to:-of its row}" >&2
fi

passed=0
failed=0
manual=0

# probe HOST PORT SCHEME: one PASS or FAIL line.
probe() {
  local host="$1" port="$2" scheme="$3"
  local to="${port_to:-$port}" reason="" detail="" err rc
  if [ "$method" = curl ]; then
    local args=(--silent --show-error --output /dev/null --noproxy '*'
      --connect-timeout "$timeout_s" --max-time "$timeout_s")
    if [ -n "$resolve_to" ]; then
      args+=(--resolve "$host:$to:$resolve_to")
    fi
    err="$(curl "${args[@]}" "$scheme://$host:$to/" 2>&1)"
    rc=$?
    case "$rc" in
      0) ;;
      6) reason="name not resolved" ;;
      7) reason="could not connect" ;;
      28) reason="timed out after $timeout_s s" ;;
      1|2|3|4|5) reason="curl could not run the probe (exit $rc)" ;;
      *)
        case "$err" in
          *[Rr]eset*|*SSL_ERROR_SYSCALL*|*[Uu]nexpected\ [Ee][Oo][Ff]*|*"Empty reply"*)
            reason="connection reset or closed before any answer; a firewall filtering by name?" ;;
          *) detail=" (connected; curl exit $rc)" ;;
        esac ;;
    esac
  else
    # shellcheck disable=SC2016
    timeout "$timeout_s" bash -c 'exec 3<>"/dev/tcp/$1/$2"' probe "${resolve_to:-$host}" "$to" 2>/dev/null
    rc=$?
    case "$rc" in
      0) ;;
      124) reason="timed out after $timeout_s s" ;;
      *) reason="could not connect" ;;
    esac
  fi
  if [ -z "$reason" ]; then
    passed=$((passed + 1))
    echo "PASS $host:$port$detail"
  else
    failed=$((failed + 1))
    echo "FAIL $host:$port ($reason)"
  fi
}

# by_hand HOST PORT WHY: a row no script can test.
by_hand() {
  manual=$((manual + 1))
  echo "CHECK $1:$2 — check the rule by hand ($3)"
}

"#;

const SH_FOOTER: &str = r#"
echo "$passed passed, $failed failed, $manual to check by hand"
if [ "$failed" -gt 0 ]; then
  exit 1
fi
exit 0
"#;

pub(super) fn connectivity_ps1(plan: &Plan) -> String {
    let rows = checklist(plan);
    let items = script_rows(&rows);
    let mut out = String::new();
    out.push_str(&header("Connectivity test", plan));
    out.push('\n');
    let _ = writeln!(out, "# Plan: {}", comment_ascii(plan_name(plan)));
    let _ = writeln!(out, "# Region: {}", comment_ascii(&plan.region));
    let p = platform::of(plan);
    let one = if p.proxy_supported {
        "behind one, run the script where traffic may go direct, or read a FAIL as the proxy's.".to_string()
    } else {
        format!("{} does not support one.", p.name)
    };
    out.push_str(&PS1_HEADER.replace("{PROXY_ONE}", &one));
    for what in not_probed(&rows) {
        // Engine text only (fixed words and checked host names), no plan text.
        let _ = writeln!(out, "#   {what}");
    }
    out.push_str(PS1_BODY);
    out.push_str("$rows = @(\n");
    for item in &items {
        match item {
            ScriptRow::Probe { host, port, tls } => {
                let _ = writeln!(out, "    @{{ Host = '{host}'; Port = {port}; Tls = ${tls}; Why = '' }}");
            }
            ScriptRow::ByHand { host, port, why } => {
                let _ = writeln!(out, "    @{{ Host = '{host}'; Port = '{port}'; Tls = $false; Why = '{why}' }}");
            }
        }
    }
    out.push_str(")\n");
    out.push_str(PS1_FOOTER);
    out
}

const PS1_HEADER: &str = r#"#
# Run it on the machine that deploys the clusters (or any Windows or PowerShell 7 machine in the
# planned segment). It connects to every concrete host of the firewall checklist on its port and
# prints PASS or FAIL per host, then a summary. Wildcard and UDP rows cannot be probed: they are
# printed as CHECK, for checking the firewall rule by hand.
#
# How a probe is judged: a TCP connection (.NET TcpClient; Test-NetConnection has no timeout and
# exists only on Windows) that cannot be made in time is FAIL. For HTTPS hosts a TLS handshake
# follows: a connection reset or closed during it is FAIL (the usual sign of a firewall that
# filters by name); a handshake that completes, or fails for another reason (for example a
# certificate that a TLS-inspecting device replaced), is PASS. Probes go direct, not through a
# proxy: {PROXY_ONE}
#
# Settings (environment variables):
#   AKSARC_TIMEOUT  seconds per probe (default 5)
#   AKSARC_RESOLVE  connect every probe to this address instead of the host's (for tests)
#   AKSARC_PORT     connect every probe to this port instead of the row's (for tests)
# Exit code: 0 every probe passed, 1 a probe failed, 2 bad settings.
#
# Not probed here (see the checklist):
"#;

const PS1_BODY: &str = r#"
Set-StrictMode -Version 2.0

$timeoutSeconds = 5.0
if ($env:AKSARC_TIMEOUT) {
    $parsed = 0.0
    $ok = [double]::TryParse($env:AKSARC_TIMEOUT, [System.Globalization.NumberStyles]::Float,
        [System.Globalization.CultureInfo]::InvariantCulture, [ref]$parsed)
    if (-not $ok -or $parsed -le 0 -or $parsed -gt 3600) {
        [Console]::Error.WriteLine('AKSARC_TIMEOUT must be a positive number of seconds')
        exit 2
    }
    $timeoutSeconds = $parsed
}
$timeoutMs = [int][Math]::Ceiling($timeoutSeconds * 1000)
$resolveTo = $env:AKSARC_RESOLVE
$portTo = 0
if ($env:AKSARC_PORT) {
    if (-not [int]::TryParse($env:AKSARC_PORT, [ref]$portTo) -or $portTo -lt 1 -or $portTo -gt 65535) {
        [Console]::Error.WriteLine('AKSARC_PORT must be a port number from 1 to 65535')
        exit 2
    }
}

function Get-Innermost([System.Exception]$Exception) {
    $e = $Exception
    while ($null -ne $e.InnerException) { $e = $e.InnerException }
    return $e
}

function Test-Chain([System.Exception]$Exception, [type]$Type) {
    $e = $Exception
    while ($null -ne $e) {
        if ($e -is $Type) { return $true }
        $e = $e.InnerException
    }
    return $false
}

# Returns '' when the host answered, else why not.
function Test-Probe([string]$HostName, [int]$Port, [bool]$Tls) {
    $address = $HostName
    if ($resolveTo) { $address = $resolveTo }
    $to = $Port
    if ($portTo -gt 0) { $to = $portTo }
    $client = New-Object System.Net.Sockets.TcpClient
    try {
        $connect = $client.ConnectAsync($address, $to)
        if (-not $connect.Wait($timeoutMs)) { return ('timed out after {0} s' -f $timeoutSeconds) }
        if (-not $Tls) { return '' }
        $stream = $client.GetStream()
        $stream.ReadTimeout = $timeoutMs
        $stream.WriteTimeout = $timeoutMs
        $accept = [System.Net.Security.RemoteCertificateValidationCallback]{ $true }
        $ssl = New-Object System.Net.Security.SslStream($stream, $false, $accept)
        try {
            $ssl.AuthenticateAsClient($HostName, $null, [System.Security.Authentication.SslProtocols]::Tls12, $false)
            return ''
        } catch {
            if (Test-Chain $_.Exception ([System.IO.IOException])) {
                return 'connection reset or closed during the TLS handshake; a firewall filtering by name?'
            }
            return ''
        } finally {
            $ssl.Dispose()
        }
    } catch {
        return (Get-Innermost $_.Exception).Message
    } finally {
        $client.Dispose()
    }
}

"#;

const PS1_FOOTER: &str = r#"
$passed = 0
$failed = 0
$manual = 0
foreach ($row in $rows) {
    if ($row.Why -ne '') {
        $manual++
        Write-Output ('CHECK {0}:{1} - check the rule by hand ({2})' -f $row.Host, $row.Port, $row.Why)
        continue
    }
    $reason = Test-Probe -HostName $row.Host -Port $row.Port -Tls $row.Tls
    if ($reason -eq '') {
        $passed++
        Write-Output ('PASS {0}:{1}' -f $row.Host, $row.Port)
    } else {
        $failed++
        Write-Output ('FAIL {0}:{1} ({2})' -f $row.Host, $row.Port, $reason)
    }
}
Write-Output ('{0} passed, {1} failed, {2} to check by hand' -f $passed, $failed, $manual)
if ($failed -gt 0) { exit 1 }
exit 0
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_rows_probe_only_what_a_connect_can_test() {
        let row = |dest: &str, ports: &[u16], protocol: Protocol| Row {
            key: dest.into(),
            section: crate::firewall::Section::Aks,
            kind: RowKind::Host,
            destination: dest.into(),
            also: Vec::new(),
            wildcard: false,
            star_form: dest.into(),
            ports: ports.to_vec(),
            protocol,
            why: String::new(),
            who: String::new(),
            sources: Vec::new(),
            probe: true,
            confirmed: false,
            note: String::new(),
        };
        let got = script_rows(&[
            row("a.example", &[443], Protocol::Https),
            row("b.example", &[0], Protocol::Tcp),
            row("c.example", &[1], Protocol::Tcp),
            row("d.example", &[123], Protocol::Udp),
            row("e.example", &[80], Protocol::Http),
            row("a.example", &[443], Protocol::Https),
            // A row that names no internet host (ports between the plan's machines) is no probe,
            // even when its destination would pass for a host name.
            Row { probe: false, ..row("vcenter.example", &[443], Protocol::Tcp) },
        ]);
        assert_eq!(got, [
            ScriptRow::Probe { host: "a.example".into(), port: 443, tls: true },
            ScriptRow::ByHand { host: "b.example".into(), port: "0".into(), why: "no probe for this port" },
            ScriptRow::Probe { host: "c.example".into(), port: 1, tls: false },
            ScriptRow::ByHand { host: "d.example".into(), port: "123".into(), why: "UDP cannot be probed" },
            ScriptRow::Probe { host: "e.example".into(), port: 80, tls: false },
        ]);
    }
}
