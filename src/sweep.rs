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

/// A max-heap turned min-heap of open ranges, by (family, end).
type OpenHeap = BinaryHeap<Reverse<(crate::addr::Family, u128, usize)>>;

/// The ranges of one class still open at the current range of a sweep: every one of them
/// overlaps it.
pub struct Open<'a> {
    heap: &'a OpenHeap,
}

impl Open<'_> {
    /// How many there are, without visiting them.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Their indexes, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.heap.iter().map(|&Reverse((_, _, j))| j)
    }
}

/// The sweep for callers that only care about some pairs: each range joins up to two of
/// `classes` classes (`joins`) and is shown the open ranges of the classes it meets (`meets`,
/// which must be symmetric: if a range of class A meets class B, a range of class B meets A).
///
/// `found(i, class, open)` receives, for range `i` and each class it meets, the ranges of that class
/// that overlap it and came before it in the sweep; so each overlapping pair is shown once. The
/// caller may count them with [`Open::len`] instead of visiting them, which keeps a plan of
/// thousands of identical or nested ranges at O(n log n + n·c) for c classes met, where listing
/// every pair would be O(n²).
pub fn for_each_overlap_by_class(
    ranges: &[AddrRange],
    classes: usize,
    joins: impl Fn(usize) -> [Option<usize>; 2],
    meets: impl Fn(usize, &mut Vec<usize>),
    mut found: impl FnMut(usize, usize, Open<'_>),
) {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_unstable_by_key(|&i| (ranges[i].family, ranges[i].start, i));
    let mut open: Vec<OpenHeap> = (0..classes).map(|_| BinaryHeap::new()).collect();
    let mut met = Vec::new();
    for &i in &order {
        let r = &ranges[i];
        met.clear();
        meets(i, &mut met);
        for &class in &met {
            let heap = &mut open[class];
            // Ranges end in any order, but the sweep's starts only grow: whatever ended before
            // this start is done for every later range too.
            while let Some(&Reverse((family, end, _))) = heap.peek() {
                if family < r.family || end < r.start {
                    heap.pop();
                } else {
                    break;
                }
            }
            if !heap.is_empty() {
                found(i, class, Open { heap });
            }
        }
        for class in joins(i).into_iter().flatten() {
            open[class].push(Reverse((r.family, r.end, i)));
        }
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
