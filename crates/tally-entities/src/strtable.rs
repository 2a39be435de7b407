//! A fixed set of `'static` words with a value each, looked up by a cheap hash of the length and
//! a few bytes (the first three and the last two) in an open-addressed table: for the word lists
//! that every capitalised token of a body is looked up in, cheaper than a general hash map.

pub(crate) struct StrTable<V: Copy> {
    slots: Vec<Option<(&'static str, V)>>,
    /// `slots.len() - 1`; the length is a power of two.
    mask: usize,
    len: usize,
}

/// The slot a word's probe starts at, before masking.
#[inline]
fn hash(w: &[u8]) -> usize {
    let n = w.len();
    // Words of three or more bytes (most): the same value without the bounds tests.
    if let ([a, b, c, ..], [.., y, z]) = (w, w) {
        let x = *a as u64
            | (*b as u64) << 8
            | (*c as u64) << 16
            | (*z as u64) << 24
            | (*y as u64) << 32
            | (n as u64 & 0xff) << 40;
        return (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize;
    }
    let at = |i: usize| w.get(i).copied().unwrap_or(0) as u64;
    let x = at(0)
        | at(1) << 8
        | at(2) << 16
        | at(n.wrapping_sub(1)) << 24
        | at(n.wrapping_sub(2)) << 32
        | (n as u64 & 0xff) << 40;
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
}

impl<V: Copy> StrTable<V> {
    /// A table for up to `cap` words (kept at most half full).
    pub(crate) fn with_capacity(cap: usize) -> Self {
        let size = (cap.max(4) * 2).next_power_of_two();
        StrTable { slots: vec![None; size], mask: size - 1, len: 0 }
    }

    /// The value of `key`, if present.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<V> {
        let mut i = hash(key.as_bytes()) & self.mask;
        loop {
            match self.slots.get(i)? {
                Some((k, v)) if k.len() == key.len() && *k == key => return Some(*v),
                Some(_) => i = (i + 1) & self.mask,
                None => return None,
            }
        }
    }

    #[inline]
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Inserts `key` with `value`, or combines `value` into the value already there.
    pub(crate) fn upsert(&mut self, key: &'static str, value: V, combine: impl Fn(V, V) -> V) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mut i = hash(key.as_bytes()) & self.mask;
        loop {
            match self.slots.get_mut(i) {
                Some(Some((k, v))) if *k == key => {
                    *v = combine(*v, value);
                    return;
                }
                Some(Some(_)) => i = (i + 1) & self.mask,
                Some(slot @ None) => {
                    *slot = Some((key, value));
                    self.len += 1;
                    return;
                }
                None => return,
            }
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        *self = StrTable::with_capacity(old.len());
        for (k, v) in old.into_iter().flatten() {
            self.upsert(k, v, |_, v| v);
        }
    }

    /// Every word and its value, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'static str, V)> + '_ {
        self.slots.iter().flatten().copied()
    }
}

impl StrTable<()> {
    /// A set of the given words.
    pub(crate) fn set(words: impl IntoIterator<Item = &'static str>) -> Self {
        let mut t = StrTable::with_capacity(16);
        for w in words {
            t.upsert(w, (), |_, _| ());
        }
        t
    }
}
