//! The dictionary automaton: every term of the lexicon in one Aho-Corasick DFA with
//! leftmost-longest semantics and ASCII case folding, the same matches as the `aho-corasick`
//! crate's DFA built with `MatchKind::LeftmostLongest` and `ascii_case_insensitive` (a property
//! test holds the two together), in a smaller table built in a few milliseconds.
//!
//! Construction follows the textbook automaton with the leftmost twist: a trie of the
//! case-folded terms; failure links by breadth-first search, except that a state spelling a
//! whole term (and so every state below it) has none, since after a match only a longer match
//! from the same start may follow; a state that spells no term reports the term of its failure
//! state. Missing transitions are then filled from the failure state's row, which the search
//! order has already completed.
//!
//! Layout: byte classes (one per case-folded byte that occurs in a term, one for all other
//! bytes), and state ids premultiplied by the number of classes, so a step is one table read.
//! The dead state is 0 and match states come right after it: one comparison tells a state
//! that needs attention.

/// Pattern ids are indices into the list the automaton was built from.
pub(crate) struct Dict {
    /// Byte -> class.
    classes: [u8; 256],
    /// Transitions: `trans[sid + class]`, `sid` premultiplied by `stride`.
    trans: Vec<u32>,
    stride: usize,
    /// The start state (premultiplied).
    start: u32,
    /// States up to this id (premultiplied) are the dead state or match states.
    max_special: u32,
    /// The term a match state reports, by state index (`sid / stride`); dead state first.
    match_pattern: Vec<u32>,
    /// Length in bytes of each term.
    pattern_len: Vec<u32>,
}

/// A transition not (yet) in the trie.
const FAIL: u32 = u32::MAX;
/// The dead state's index before renumbering is the same as after.
const DEAD: u32 = 0;

impl Dict {
    /// Builds the automaton. Empty terms are never matched.
    pub(crate) fn new(patterns: &[&str]) -> Dict {
        // Byte classes: ASCII letters fold to lower case.
        let mut used = [false; 256];
        for p in patterns {
            for &b in p.as_bytes() {
                used[b.to_ascii_lowercase() as usize] = true;
            }
        }
        let mut classes = [0u8; 256];
        let mut n_classes = 1usize;
        for b in 0..256usize {
            if used[b] && n_classes < 256 {
                classes[b] = n_classes as u8;
                n_classes += 1;
            }
        }
        for b in b'A'..=b'Z' {
            classes[b as usize] = classes[b.to_ascii_lowercase() as usize];
        }
        let stride = n_classes;

        // The trie, in state indices: 0 dead, 1 the root.
        let total: usize = patterns.iter().map(|p| p.len()).sum();
        let mut trans: Vec<u32> = Vec::with_capacity((total + 2) * stride);
        trans.resize(stride, DEAD);
        trans.resize(2 * stride, FAIL);
        let root = 1u32;
        // The term each state spells, if any.
        let mut own: Vec<u32> = vec![FAIL, FAIL];
        let mut pattern_len = Vec::with_capacity(patterns.len());
        for (pid, p) in patterns.iter().enumerate() {
            pattern_len.push(p.len() as u32);
            if p.is_empty() {
                continue;
            }
            let mut s = root as usize;
            for &b in p.as_bytes() {
                let at = s * stride + classes[b as usize] as usize;
                let next = trans[at];
                s = if next != FAIL {
                    next as usize
                } else {
                    let new = own.len();
                    own.push(FAIL);
                    trans.resize(trans.len() + stride, FAIL);
                    trans[at] = new as u32;
                    new
                };
            }
            // Terms are distinct once case-folded; should two not be, the first one stays (as
            // in the crate, where a state reports the first term added to it).
            if own[s] == FAIL {
                own[s] = pid as u32;
            }
        }
        let n = own.len();

        // Failure links and the match each state reports, breadth first.
        let mut fail = vec![DEAD; n];
        let mut reports = own.clone();
        let mut queue: Vec<u32> = Vec::with_capacity(n);
        queue.push(root);
        let mut head = 0;
        while let Some(&s) = queue.get(head) {
            head += 1;
            let s = s as usize;
            let f = fail[s] as usize;
            for c in 0..stride {
                let at = s * stride + c;
                let next = trans[at];
                if next == FAIL {
                    // Missing: the root loops, states below a match die, others follow
                    // their failure state (whose row is complete: it is shallower).
                    trans[at] = if s == root as usize {
                        root
                    } else if f == DEAD as usize {
                        DEAD
                    } else {
                        trans[f * stride + c]
                    };
                    continue;
                }
                let t = next as usize;
                queue.push(next);
                if own[t] != FAIL {
                    // A match state: no failure transition.
                    fail[t] = DEAD;
                } else if s == root as usize {
                    fail[t] = root;
                } else if f == DEAD as usize {
                    fail[t] = DEAD;
                } else {
                    let ft = trans[f * stride + c];
                    fail[t] = ft;
                    reports[t] = reports[ft as usize];
                }
            }
        }

        // Renumber: dead, match states, the rest; each in breadth-first order (the queue holds
        // every state but the dead one), so that the shallow states, visited most, lie together.
        let mut new_index = vec![0u32; n];
        let mut match_pattern = vec![FAIL];
        let mut next_id = 1u32;
        for &s in &queue {
            let s = s as usize;
            if reports[s] != FAIL {
                new_index[s] = next_id;
                match_pattern.push(reports[s]);
                next_id += 1;
            }
        }
        let max_special = (next_id - 1) as usize * stride;
        for &s in &queue {
            let s = s as usize;
            if reports[s] == FAIL {
                new_index[s] = next_id;
                next_id += 1;
            }
        }
        // A power-of-two length lets the scan mask its index instead of testing it (the mask
        // never changes an index: every state and class lies within the states' rows).
        let mut table = vec![DEAD; (n * stride).next_power_of_two()];
        for s in 0..n {
            let to = new_index[s] as usize * stride;
            for c in 0..stride {
                table[to + c] = new_index[trans[s * stride + c] as usize] * stride as u32;
            }
        }
        Dict {
            classes,
            trans: table,
            stride,
            start: new_index[root as usize] * stride as u32,
            max_special: max_special as u32,
            match_pattern,
            pattern_len,
        }
    }

    /// Non-overlapping leftmost-longest matches in `hay`, in text order.
    pub(crate) fn matches<'a>(&'a self, hay: &'a [u8]) -> Matches<'a> {
        Matches { dict: self, hay, at: 0 }
    }
}

/// Non-overlapping leftmost-longest matches `(start, end, pattern)`, in text order.
pub(crate) struct Matches<'a> {
    dict: &'a Dict,
    hay: &'a [u8],
    at: usize,
}

impl Dict {
    /// Steps from state `sid` over `hay` until a match or the dead state: that state and the
    /// bytes read, or the state at the end of `hay`.
    #[inline]
    fn run(&self, sid: u32, hay: &[u8]) -> (u32, usize) {
        run(&self.trans, &self.classes, self.max_special, sid, hay)
    }
}

/// [`Dict::run`], out of line so that the loop keeps its few values in registers; four bytes a
/// round, so the end of the text is tested once per four steps.
#[inline(never)]
fn run(trans: &[u32], classes: &[u8; 256], max_special: u32, sid: u32, hay: &[u8]) -> (u32, usize) {
    let max_special = max_special as usize;
    let mut sid = sid as usize;
    // One step: the next state, or the dead state off the table (never, as built).
    let mask = trans.len().wrapping_sub(1);
    let step = |sid: usize, b: u8| {
        trans.get((sid + classes[b as usize] as usize) & mask).map_or(DEAD as usize, |&s| s as usize)
    };
    let mut chunks = hay.chunks_exact(4);
    let mut done = 0;
    for c in chunks.by_ref() {
        if let [b0, b1, b2, b3] = *c {
            sid = step(sid, b0);
            if sid <= max_special {
                return (sid as u32, done + 1);
            }
            sid = step(sid, b1);
            if sid <= max_special {
                return (sid as u32, done + 2);
            }
            sid = step(sid, b2);
            if sid <= max_special {
                return (sid as u32, done + 3);
            }
            sid = step(sid, b3);
            if sid <= max_special {
                return (sid as u32, done + 4);
            }
        }
        done += 4;
    }
    for &b in chunks.remainder() {
        sid = step(sid, b);
        done += 1;
        if sid <= max_special {
            break;
        }
    }
    (sid as u32, done)
}

impl Iterator for Matches<'_> {
    type Item = (usize, usize, usize);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let d = self.dict;
        let from = self.at;
        let mut at = from;
        let mut sid = d.start;
        // The last match state seen and where it ended.
        let mut found: Option<(u32, usize)> = None;
        loop {
            let rest = self.hay.get(at..)?;
            if rest.is_empty() {
                break;
            }
            let (s, read) = d.run(sid, rest);
            at += read;
            if s > d.max_special {
                break;
            }
            if s == DEAD {
                break;
            }
            sid = s;
            found = Some((s, at));
        }
        let (sid, end) = found?;
        let pid = *d.match_pattern.get(sid as usize / d.stride)?;
        let start = end.checked_sub(*d.pattern_len.get(pid as usize)? as usize)?;
        // Terms are never empty, so the search always moves forward.
        self.at = end.max(from + 1);
        Some((start, end, pid as usize))
    }
}
