//! Finds every pair of overlapping ranges with one sort and one sweep.
//!
//! Claims are sorted by (family, start). Walking them in that order, a min-heap of the ranges
//! still open (ordered by end) drops every range that ended before the current start; whatever
//! is left overlaps the current range, so each step's work is the pairs it reports. The whole
//! sweep is O(n log n + k) for n ranges and k overlapping pairs, where comparing all pairs would
//! be O(n²) and too slow for a 10,000-cluster plan.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::addr::AddrRange;

/// Every pair `(i, j)` with `i < j` whose ranges share an address, as indexes into `ranges`.
///
/// The order of the pairs is fixed for a given input, but not otherwise specified.
///
/// ```
/// use aksarc_netplan::addr::parse_set;
/// use aksarc_netplan::sweep::overlapping_pairs;
/// let ranges: Vec<_> = ["10.0.0.0/24", "10.0.1.0/24", "10.0.0.5"]
///     .iter().map(|t| parse_set(t).unwrap()).collect();
/// assert_eq!(overlapping_pairs(&ranges), vec![(0, 2)]);
/// ```
pub fn overlapping_pairs(ranges: &[AddrRange]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for_each_overlap(ranges, |i, j| pairs.push((i, j)));
    pairs
}

/// Calls `found(i, j)` (with `i < j`) once for every overlapping pair, without collecting them.
pub fn for_each_overlap(ranges: &[AddrRange], mut found: impl FnMut(usize, usize)) {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_unstable_by_key(|&i| (ranges[i].family, ranges[i].start, i));

    // Open ranges by (family, end); Reverse makes the std max-heap a min-heap.
    let mut open: BinaryHeap<Reverse<(crate::addr::Family, u128, usize)>> = BinaryHeap::new();
    for &i in &order {
        let r = &ranges[i];
        while let Some(&Reverse((family, end, _))) = open.peek() {
            if family < r.family || end < r.start {
                open.pop();
            } else {
                break;
            }
        }
        for &Reverse((_, _, j)) in open.iter() {
            found(i.min(j), i.max(j));
        }
        open.push(Reverse((r.family, r.end, i)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addr::parse_set;

    #[test]
    fn nested_and_touching() {
        let r: Vec<_> = ["10.0.0.0-10.0.0.9", "10.0.0.10-10.0.0.19", "10.0.0.9-10.0.0.10", "10.0.0.0/8", "fd00::/8"]
            .iter()
            .map(|t| parse_set(t).unwrap())
            .collect();
        let mut pairs = overlapping_pairs(&r);
        pairs.sort();
        assert_eq!(pairs, vec![(0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
    }
}
