//! Names made unique within one list, in linear work however many repeat.

use std::collections::{HashMap, HashSet};

/// Names made unique in one list: the second of two that reduce to the same name gets `-2`, and
/// so on, shortened to stay within `max` (a map of the next suffix per name, so a list of one
/// name thousands of times stays linear).
pub(super) struct Unique {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
    /// Between a name and its number: `-`, or nothing where names have no dashes.
    joint: &'static str,
}

impl Default for Unique {
    fn default() -> Unique {
        Unique::joined("-")
    }
}

impl Unique {
    pub(super) fn joined(joint: &'static str) -> Unique {
        Unique { taken: HashSet::new(), next: HashMap::new(), joint }
    }

    pub(super) fn name(&mut self, base: String, max: usize) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let suffix = format!("{}{n}", self.joint);
            let keep = max.saturating_sub(suffix.len()).min(base.len());
            let candidate = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_take_the_next_free_suffix_within_their_length() {
        let mut u = Unique::default();
        let got: Vec<String> = ["a", "a", "a", "a-2", "b"].iter().map(|n| u.name(n.to_string(), 24)).collect();
        assert_eq!(got, ["a", "a-2", "a-3", "a-2-2", "b"]);
        let mut u = Unique::default();
        let long = "x".repeat(12);
        assert_eq!(u.name(long.clone(), 12), long);
        assert_eq!(u.name(long.clone(), 12), format!("{}-2", "x".repeat(10)));
    }

    #[test]
    fn thousands_of_one_name_take_linear_work() {
        let mut u = Unique::default();
        let names: HashSet<String> = (0..20_000).map(|_| u.name("c".to_string(), usize::MAX)).collect();
        assert_eq!(names.len(), 20_000);
    }
}
