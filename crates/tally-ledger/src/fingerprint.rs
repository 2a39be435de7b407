//! Content fingerprints: an exact hash of the normalized text (the same document again) and a
//! bottom-k MinHash sketch of word 4-shingles (the same story republished with another headline,
//! furniture or small edits). Both use xxh3, whose output is fixed across versions, so stored
//! fingerprints stay comparable.

use std::collections::HashMap;
use tally_model::NaiveDate;
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// Values kept in a sketch.
pub const SKETCH_SIZE: usize = 64;
/// Sketch values indexed per document, and how many uncommon ones a lookup uses.
const INDEX_KEYS: usize = 24;
const LOOKUP_KEYS: usize = 16;
/// Documents kept per index key: the earliest ones, since an original is stored before the copies
/// that follow it; a key shared by many documents (a stock phrase) then costs no more than this.
const COMMON_KEY_DOCS: usize = 64;
/// Candidates taken per key at lookup.
const CANDIDATES_PER_KEY: usize = 8;
/// Estimated resemblance (Jaccard of shingle sets) at or above which two bodies are one story.
pub const NEAR_DUPLICATE: f64 = 0.6;

/// Hash of the text with case and white space normalized, as 32 hex digits.
pub fn content_hash(text: &str) -> String {
    let normalized = join_lower(text.len(), text.split_whitespace(), |_| {});
    format!("{:032x}", xxh3_128(normalized.as_bytes()))
}

/// The `words` lower-cased (each as `str::to_lowercase` on the word alone would give it) and
/// joined by single spaces; `placed` learns where each word starts and ends in the result.
fn join_lower<'a>(
    capacity: usize,
    words: impl Iterator<Item = &'a str>,
    mut placed: impl FnMut((usize, usize)),
) -> String {
    let mut out = String::with_capacity(capacity);
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        let start = out.len();
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
        placed((start, out.len()));
    }
    out
}

/// The `SKETCH_SIZE` smallest distinct hashes of the word 4-shingles of `text`, ascending.
///
/// A shingle is hashed as its lower-cased words joined by single spaces. The words are laid
/// out once, joined that way, so every shingle is a slice of one buffer.
pub fn sketch(text: &str) -> Vec<u64> {
    // Where each word starts and ends in `joined`.
    let mut words: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 5);
    let joined =
        join_lower(text.len(), text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()), |w| words.push(w));
    let n = 4.min(words.len());
    if n == 0 {
        return Vec::new();
    }
    let mut hashes: Vec<u64> =
        words.windows(n).filter_map(|w| Some(xxh3_64(joined.get(w.first()?.0..w.last()?.1)?.as_bytes()))).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(SKETCH_SIZE);
    hashes
}

/// Estimated Jaccard resemblance of two bodies from their sketches.
pub fn resemblance(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // The k smallest of the union, and how many of them both sketches hold.
    let k = SKETCH_SIZE.min(a.len().max(b.len()));
    let (mut i, mut j, mut taken, mut both) = (0, 0, 0, 0);
    while taken < k && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
        taken += 1;
    }
    both as f64 / taken.max(1) as f64
}

/// Compresses a document's records for storage (zlib; JSON Lines shrink about tenfold).
///
/// Each thread keeps one compressor and resets it between documents: a new one allocates and
/// clears its tables, which cost more than compressing a typical document's records.
pub fn pack(text: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static DEFLATE: std::cell::RefCell<Compress> = std::cell::RefCell::new(Compress::new(Compression::fast(), true));
    }
    let run = |z: &mut Compress| {
        z.reset();
        let mut out = Vec::with_capacity(text.len() / 6 + 64);
        loop {
            let read = usize::try_from(z.total_in()).unwrap_or(usize::MAX);
            let rest = text.get(read..).unwrap_or_default();
            match z.compress_vec(rest, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return out,
                Ok(_) => out.reserve(out.capacity().max(64)),
                Err(_) => return Vec::new(),
            }
        }
    };
    DEFLATE.with(|z| match z.try_borrow_mut() {
        Ok(mut z) => run(&mut z),
        Err(_) => run(&mut Compress::new(Compression::fast(), true)),
    })
}

/// The records text stored by [`pack`]; empty when the blob is damaged.
pub fn unpack(blob: &[u8]) -> String {
    use std::io::Read;
    let mut out = String::new();
    match flate2::read::ZlibDecoder::new(blob).read_to_string(&mut out) {
        Ok(_) => out,
        Err(_) => String::new(),
    }
}

pub fn to_blob(s: &[u64]) -> Vec<u8> {
    s.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn from_blob(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8).map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])).collect()
}

/// Sketches of stored originals with an index from their smallest values to documents.
#[derive(Default)]
pub struct CopyIndex {
    sketches: HashMap<i64, (Vec<u64>, Option<NaiveDate>)>,
    index: HashMap<u64, Vec<i64>>,
}

impl CopyIndex {
    pub fn add(&mut self, id: i64, sketch: Vec<u64>, published: Option<NaiveDate>) {
        for v in sketch.iter().take(INDEX_KEYS) {
            let ids = self.index.entry(*v).or_default();
            if ids.len() < COMMON_KEY_DOCS {
                ids.push(id);
            }
        }
        self.sketches.insert(id, (sketch, published));
    }

    /// Forgets a document (it became a copy of another).
    pub fn remove(&mut self, id: i64) {
        if let Some((sketch, _)) = self.sketches.remove(&id) {
            for v in sketch.iter().take(INDEX_KEYS) {
                if let Some(ids) = self.index.get_mut(v) {
                    ids.retain(|&x| x != id);
                }
            }
        }
    }

    /// Takes over every sketch of `other` (after its batch committed), in id order: index keys
    /// hold a bounded number of documents, so which ones a key keeps must not depend on the
    /// hash map's iteration order (that made copy detection vary from run to run).
    pub fn absorb(&mut self, other: CopyIndex) {
        let mut items: Vec<_> = other.sketches.into_iter().collect();
        items.sort_unstable_by_key(|(id, _)| *id);
        for (id, (sketch, published)) in items {
            self.add(id, sketch, published);
        }
    }

    /// The earliest stored original (by publication date, then id) that `sketch` copies.
    pub fn original_of(&self, sketch: &[u64]) -> Option<i64> {
        let mut candidates: Vec<i64> = sketch
            .iter()
            .take(INDEX_KEYS)
            .filter_map(|v| self.index.get(v))
            .take(LOOKUP_KEYS)
            .flat_map(|ids| ids.iter().take(CANDIDATES_PER_KEY))
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|id| self.sketches.get(&id).map(|(s, d)| (id, s, d)))
            .filter(|(_, s, _)| resemblance(sketch, s) >= NEAR_DUPLICATE)
            .min_by_key(|(id, _, d)| (d.unwrap_or(NaiveDate::MAX), *id))
            .map(|(id, _, _)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absorbing_keeps_the_earliest_ids_of_a_common_key() {
        // More documents share one sketch than a key holds: the key keeps the lowest ids,
        // whatever order the pending map yields them in.
        let s = sketch("The same wire story, word for word, carried by many outlets on one day.");
        let n = COMMON_KEY_DOCS as i64 + 20;
        let build = || {
            let mut pending = CopyIndex::default();
            for id in (1..=n).rev() {
                pending.add(id, s.clone(), None);
            }
            let mut idx = CopyIndex::default();
            idx.absorb(pending);
            idx
        };
        let (a, b) = (build(), build());
        let key = s[0];
        let expect: Vec<i64> = (1..=COMMON_KEY_DOCS as i64).collect();
        assert_eq!(a.index.get(&key), Some(&expect));
        assert_eq!(b.index.get(&key), Some(&expect));
        assert_eq!(a.original_of(&s), Some(1));
    }

    /// The fingerprints as first defined (a string per word and per shingle): stored
    /// fingerprints must stay comparable, so the faster ones are held to these.
    fn content_hash_oracle(text: &str) -> String {
        let normalized: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        format!("{:032x}", xxh3_128(normalized.join(" ").as_bytes()))
    }

    fn sketch_oracle(text: &str) -> Vec<u64> {
        let words: Vec<String> =
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        let n = 4.min(words.len());
        if n == 0 {
            return Vec::new();
        }
        let mut hashes: Vec<u64> = words.windows(n).map(|w| xxh3_64(w.join(" ").as_bytes())).collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes.truncate(SKETCH_SIZE);
        hashes
    }

    proptest::proptest! {
        #[test]
        fn fingerprints_match_their_definition(text in "([A-Za-z0-9 ,.\n\t'-]|[ÀÉÎÕÜßΣσςİĲ]|[\\PC]){0,200}") {
            proptest::prop_assert_eq!(content_hash(&text), content_hash_oracle(&text));
            proptest::prop_assert_eq!(sketch(&text), sketch_oracle(&text));
        }
    }

    #[test]
    fn fingerprints_match_their_definition_on_words_that_change_length() {
        for text in ["ΟΔΟΣ ΟΔΟΣ. ΟΔΟΣ-ΟΔΟΣ", "İstanbul İZMİR ĲSSEL", "Straße STRASSE", "", "one", "a b c d e"]
        {
            assert_eq!(content_hash(text), content_hash_oracle(text), "{text}");
            assert_eq!(sketch(text), sketch_oracle(text), "{text}");
        }
    }

    const STORY: &str = "Cyclone Noor tore through the southern coast on Wednesday, killing at least 23 people and injuring about 140 others, the disaster management ministry said on Thursday. Winds of up to 160 kilometres per hour flattened fishing villages and cut power to large parts of the port city overnight, officials said. The United Nations humanitarian office estimated that some 40,000 people had been displaced across three coastal districts.";

    #[test]
    fn copies_resemble_and_other_stories_do_not() {
        let copy = format!("Deadly cyclone batters coast\n\n{STORY}\n\nAdvertisement\nSign up for our newsletter.");
        let edited = STORY.replace("officials said", "local officials told reporters");
        let other = "Thousands of protesters marched through the capital on Thursday to demand limits on rents, which organisers said had risen by 35 percent since 2022. Police said 14 people were detained after scuffles near parliament.";
        let (a, b, c, d) = (sketch(STORY), sketch(&copy), sketch(other), sketch(&edited));
        assert!(resemblance(&a, &b) >= NEAR_DUPLICATE, "{}", resemblance(&a, &b));
        assert!(resemblance(&a, &d) >= NEAR_DUPLICATE, "{}", resemblance(&a, &d));
        assert!(resemblance(&a, &c) < 0.1);
        assert_eq!(from_blob(&to_blob(&a)), a);
        assert_eq!(unpack(&pack(STORY.as_bytes())), STORY);
        assert_eq!(unpack(b"not zlib"), "");
        // Longer than one round of the compressor's output buffer, and nothing at all.
        let long: String = (0..20_000).map(|i| format!("{{\"n\":{i}}}\n")).collect();
        assert_eq!(unpack(&pack(long.as_bytes())), long);
        assert_eq!(unpack(&pack(b"")), "");
        let mut idx = CopyIndex::default();
        idx.add(1, a.clone(), None);
        idx.add(2, c.clone(), None);
        assert_eq!(idx.original_of(&b), Some(1));
        assert_eq!(idx.original_of(&sketch("Nothing like either of them at all, really.")), None);
        assert_eq!(content_hash("A  b\nC"), content_hash("a b c"));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
    }
}
