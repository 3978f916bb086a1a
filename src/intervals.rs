//! Sets of addresses kept as sorted, disjoint, non-adjacent ranges.
//!
//! DHCP availability, free static room, Suggest and the DHCP exclusion export all ask the same
//! questions (how many distinct addresses, what is left after taking these out), so they share
//! this one type instead of each merging ranges its own way.

use crate::addr::{AddrRange, Family};

/// A set of addresses of one family.
///
/// Invariant: `ranges` is sorted by start, and any two ranges are separated by at least one
/// address outside the set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntervalSet {
    family: Family,
    ranges: Vec<(u128, u128)>,
}

impl IntervalSet {
    pub fn new(family: Family) -> IntervalSet {
        IntervalSet { family, ranges: Vec::new() }
    }

    /// The union of the given ranges; ranges of another family are ignored.
    ///
    /// ```
    /// use aksarc_netplan::addr::{parse_set, Family};
    /// use aksarc_netplan::intervals::IntervalSet;
    /// let set = IntervalSet::from_ranges(Family::V4, [
    ///     parse_set("10.0.0.1-10.0.0.10").unwrap(),
    ///     parse_set("10.0.0.5-10.0.0.20").unwrap(),
    ///     parse_set("10.0.0.21").unwrap(),
    /// ]);
    /// assert_eq!(set.len(), 21);
    /// assert_eq!(set.ranges().count(), 1);
    /// ```
    pub fn from_ranges(family: Family, ranges: impl IntoIterator<Item = AddrRange>) -> IntervalSet {
        let mut raw: Vec<(u128, u128)> =
            ranges.into_iter().filter(|r| r.family == family).map(|r| (r.start, r.end)).collect();
        raw.sort_unstable();
        let mut merged: Vec<(u128, u128)> = Vec::with_capacity(raw.len());
        for (start, end) in raw {
            match merged.last_mut() {
                Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        IntervalSet { family, ranges: merged }
    }

    pub fn family(&self) -> Family {
        self.family
    }

    /// Number of distinct addresses, saturating at `u128::MAX`.
    pub fn len(&self) -> u128 {
        self.ranges.iter().fold(0u128, |acc, (s, e)| acc.saturating_add((e - s).saturating_add(1)))
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The merged ranges, lowest first.
    pub fn ranges(&self) -> impl Iterator<Item = AddrRange> + '_ {
        self.ranges.iter().map(|&(start, end)| AddrRange { family: self.family, start, end })
    }

    /// The addresses of `self` inside `within`.
    pub fn clip(&self, within: &AddrRange) -> IntervalSet {
        if within.family != self.family {
            return IntervalSet::new(within.family);
        }
        // Ranges are sorted and disjoint, so the ones ending before `within` form a prefix.
        let first = self.ranges.partition_point(|&(_, end)| end < within.start);
        let ranges = self.ranges[first..]
            .iter()
            .take_while(|&&(start, _)| start <= within.end)
            .map(|&(start, end)| (start.max(within.start), end.min(within.end)))
            .collect();
        IntervalSet { family: self.family, ranges }
    }

    /// The addresses of `whole` that are not in `self`, lowest first.
    pub fn complement_within(&self, whole: &AddrRange) -> IntervalSet {
        let mut out = Vec::new();
        if whole.family != self.family {
            return IntervalSet { family: whole.family, ranges: vec![(whole.start, whole.end)] };
        }
        let mut next = Some(whole.start);
        for &(s, e) in &self.ranges {
            let Some(cursor) = next else { break };
            if e < cursor {
                continue;
            }
            if s > whole.end {
                break;
            }
            if s > cursor {
                out.push((cursor, (s - 1).min(whole.end)));
            }
            next = e.checked_add(1);
        }
        if let Some(cursor) = next {
            if cursor <= whole.end {
                out.push((cursor, whole.end));
            }
        }
        IntervalSet { family: self.family, ranges: out }
    }

    /// The lowest run of `count` consecutive addresses of the set, if any.
    pub fn first_run(&self, count: u128) -> Option<AddrRange> {
        if count == 0 {
            return None;
        }
        self.ranges().find(|r| r.len() >= count).map(|r| AddrRange {
            family: self.family,
            start: r.start,
            end: r.start + (count - 1),
        })
    }

    /// The longest run of consecutive addresses (lowest of equals).
    pub fn longest_run(&self) -> u128 {
        self.ranges().map(|r| r.len()).max().unwrap_or(0)
    }

    /// Takes one range out of the set.
    pub fn remove(&mut self, range: AddrRange) {
        if range.family != self.family {
            return;
        }
        let mut kept = Vec::with_capacity(self.ranges.len() + 1);
        for &(s, e) in &self.ranges {
            if e < range.start || s > range.end {
                kept.push((s, e));
                continue;
            }
            if s < range.start {
                kept.push((s, range.start - 1));
            }
            if e > range.end {
                kept.push((range.end + 1, e));
            }
        }
        self.ranges = kept;
    }

}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addr::parse_set;

    fn set(items: &[&str]) -> IntervalSet {
        IntervalSet::from_ranges(Family::V4, items.iter().map(|t| parse_set(t).unwrap()))
    }

    #[test]
    fn complement() {
        let taken = set(&["10.0.0.0-10.0.0.4", "10.0.0.10", "10.0.0.250-10.0.1.5"]);
        let free = taken.complement_within(&parse_set("10.0.0.0/24").unwrap());
        let text: Vec<String> = free.ranges().map(|r| r.to_string()).collect();
        assert_eq!(text, ["10.0.0.5-10.0.0.9", "10.0.0.11-10.0.0.249"]);
        assert_eq!(free.len(), 5 + 239);
        assert_eq!(free.first_run(6).unwrap().to_string(), "10.0.0.11-10.0.0.16");
        assert_eq!(free.first_run(5).unwrap().to_string(), "10.0.0.5-10.0.0.9");
    }

    #[test]
    fn complement_at_the_top_of_the_space() {
        let all = parse_set("::/0").unwrap();
        let taken = IntervalSet::from_ranges(Family::V6, [parse_set("::1").unwrap(), all]);
        assert!(taken.complement_within(&all).is_empty());
        let top = IntervalSet::from_ranges(Family::V6, [parse_set("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124").unwrap()]);
        assert_eq!(top.complement_within(&all).len(), u128::MAX - 15);
    }

    #[test]
    fn empty_and_longest_run() {
        assert!(IntervalSet::new(Family::V4).is_empty());
        let taken = set(&["10.0.0.1-10.0.0.2", "10.0.0.5-10.0.0.9", "10.0.0.20-10.0.0.24"]);
        assert!(!taken.is_empty());
        // Two runs of five: the length is what counts, not which one.
        assert_eq!(taken.longest_run(), 5);
        assert_eq!(IntervalSet::new(Family::V4).longest_run(), 0);
    }
}

