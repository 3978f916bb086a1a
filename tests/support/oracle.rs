//! The brute-force oracle: every pair compared with every other. Quadratic on purpose, so it is
//! obviously right; it exists only to check the sweep (tests) and to measure against (benches).

use aksarc_netplan::addr::AddrRange;

/// Every pair `(i, j)` with `i < j` whose ranges share an address, sorted.
#[allow(dead_code)]
pub fn overlapping_pairs_brute(ranges: &[AddrRange]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for i in 0..ranges.len() {
        for j in i + 1..ranges.len() {
            let (a, b) = (&ranges[i], &ranges[j]);
            if a.family == b.family && a.start <= b.end && b.start <= a.end {
                pairs.push((i, j));
            }
        }
    }
    pairs
}
