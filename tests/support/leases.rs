//! A Windows DHCP lease export of any length, for the import benchmarks: `n` leases over
//! consecutive addresses from 10.64.0.0, one in ten expired, as `Export-Csv` writes them.

pub fn windows_leases(n: usize) -> String {
    let mut out = String::from("#TYPE Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DHCP/DhcpServerv4Lease\r\n");
    out.push_str("\"IPAddress\",\"ScopeId\",\"AddressState\",\"ClientId\",\"HostName\",\"LeaseExpiryTime\",\"ServerIP\"\r\n");
    for i in 0..n {
        let a = 0x0a40_0000u32 + i as u32;
        let ip = format!("{}.{}.{}.{}", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
        let state = if i % 10 == 9 { "Expired" } else { "Active" };
        out.push_str(&format!(
            "\"{ip}\",\"10.64.0.0\",\"{state}\",\"00-15-5d-{:02x}-{:02x}-{:02x}\",\"host-{i}.contoso.local\",\"11/26/2026 9:14:02 AM\",\"10.64.0.2\"\r\n",
            (i >> 16) & 255, (i >> 8) & 255, i & 255
        ));
    }
    out
}
