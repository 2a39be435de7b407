//! Language identification (with `whatlang`): the extractors read English only, so a document
//! reliably identified as written in another language is skipped rather than mis-extracted.
//! Short texts are never judged: identification on a few words is guesswork, and a short
//! English report must not be lost.

/// Texts shorter than this (characters) are never judged.
const MIN_CHARS: usize = 250;
/// Characters of the text looked at; identification is settled long before.
const SAMPLE_CHARS: usize = 2000;
/// Confidence (0..1) below which the identification is not trusted.
const MIN_CONFIDENCE: f64 = 0.9;

/// Words the English pre-check reads.
const PRECHECK_WORDS: usize = 120;
/// Share of those words on the function-word list above which a text is English.
const ENGLISH_SHARE: f64 = 0.12;

/// English function words (`data/english_function_words.txt`), each packed into an integer
/// (see [`pack`]), in an open-addressed table of [`SLOTS`] slots (0 marks an empty slot): a
/// look-up is one multiplication and, nearly always, one comparison.
static FUNCTION_WORDS: std::sync::LazyLock<[u64; SLOTS]> = std::sync::LazyLock::new(|| {
    let mut table = [0u64; SLOTS];
    for key in include_str!("../data/english_function_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|w| pack(w.as_bytes()))
    {
        let mut slot = slot_of(key);
        while table[slot] != 0 && table[slot] != key {
            slot = (slot + 1) % SLOTS;
        }
        table[slot] = key;
    }
    table
});

/// Slots of the function-word table: a power of two, several times the number of words.
const SLOTS: usize = 256;

#[inline]
fn slot_of(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize % SLOTS
}

/// Whether a packed word is on the function-word list `table`.
#[inline]
fn is_function_word(table: &[u64; SLOTS], key: u64) -> bool {
    let mut slot = slot_of(key);
    loop {
        match table[slot] {
            0 => return false,
            k if k == key => return true,
            _ => slot = (slot + 1) % SLOTS,
        }
    }
}

/// An ASCII word of at most 8 letters as one integer, lower-cased; `None` otherwise.
#[inline]
fn pack(w: &[u8]) -> Option<u64> {
    if w.len() > 8 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    for (b, &c) in buf.iter_mut().zip(w) {
        *b = c.to_ascii_lowercase();
    }
    Some(u64::from_le_bytes(buf))
}

/// ASCII letters, by byte: one load per byte in the word loop.
static ASCII_LETTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphabetic();
        b += 1;
    }
    t
};

/// A cheap test that settles most English texts before the identifier runs: the share of
/// English function words among the first words (of the first [`SAMPLE_CHARS`] characters).
/// News in English runs at 25-40%; other languages written in Latin script stay near zero.
/// Words (runs of letters) are found a byte at a time, without decoding ASCII, and reading
/// stops at the last word wanted.
fn plainly_english(text: &str) -> bool {
    let table = &*FUNCTION_WORDS;
    let bytes = text.as_bytes();
    let (mut words, mut hits) = (0usize, 0usize);
    // Where the sample ends, in bytes: SAMPLE_CHARS, moved on by every multi-byte character.
    let mut sample_end = SAMPLE_CHARS;
    // The word being read: where it starts and whether it is all ASCII (only such words can
    // be on the list).
    let (mut start, mut in_word, mut ascii) = (0usize, false, true);
    let mut i = 0usize;
    loop {
        let end = sample_end.min(bytes.len());
        // A run of ASCII letters.
        while i < end && bytes.get(i).is_some_and(|&b| ASCII_LETTER[usize::from(b)]) {
            if !in_word {
                (start, in_word, ascii) = (i, true, true);
            }
            i += 1;
        }
        if i >= end {
            break;
        }
        let at = i;
        let letter = match bytes.get(i) {
            Some(b) if b.is_ascii() => {
                i += 1;
                false
            }
            _ => {
                let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { break };
                i += c.len_utf8();
                sample_end += c.len_utf8() - 1;
                c.is_alphabetic()
            }
        };
        if letter {
            if !in_word {
                (start, in_word) = (at, true);
            }
            ascii = false;
        } else if in_word {
            in_word = false;
            words += 1;
            hits += usize::from(ascii && on_list(table, bytes, start, at));
            if words == PRECHECK_WORDS {
                break;
            }
        }
    }
    if in_word {
        words += 1;
        hits += usize::from(ascii && on_list(table, bytes, start, i));
    }
    words >= 20 && hits as f64 >= ENGLISH_SHARE * words as f64
}

/// Whether the word `bytes[start..end]`, ASCII letters only, is on the function-word list.
/// Its key is read as one 8-byte load, masked to the word and lower-cased by setting bit 5 of
/// every letter ([`pack`] near the end of the text).
#[inline(always)]
fn on_list(table: &[u64; SLOTS], bytes: &[u8], start: usize, end: usize) -> bool {
    let len = end.saturating_sub(start);
    if !(1..=8).contains(&len) {
        return false;
    }
    let mask = u64::MAX >> (64 - 8 * len);
    let key = match bytes.get(start..).and_then(|r| r.first_chunk::<8>()) {
        Some(chunk) => (u64::from_le_bytes(*chunk) | 0x2020_2020_2020_2020) & mask,
        None => match bytes.get(start..end).and_then(pack) {
            Some(key) => key,
            None => return false,
        },
    };
    is_function_word(table, key)
}

/// The English name of the language `text` is written in, when that is reliably not English;
/// `None` for English, for short texts and whenever identification is unsure.
pub fn foreign_language(text: &str) -> Option<&'static str> {
    if plainly_english(text) {
        return None;
    }
    // The first SAMPLE_CHARS characters: the whole text when it has no more bytes than that,
    // as many bytes when they are ASCII, else counted.
    let sample = if text.len() <= SAMPLE_CHARS {
        text
    } else if text.as_bytes().get(..SAMPLE_CHARS).is_some_and(|b| b.is_ascii()) {
        &text[..SAMPLE_CHARS]
    } else {
        match text.char_indices().nth(SAMPLE_CHARS) {
            Some((at, _)) => &text[..at],
            None => text,
        }
    };
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_CHARS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if info.lang() == whatlang::Lang::Eng || !info.is_reliable() || info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    Some(info.lang().eng_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pre-check as first written, on a sample cut beforehand and split into words by
    /// `split`, which the byte-at-a-time reading must agree with.
    fn reference_plainly_english(sample: &str) -> bool {
        let mut words = 0usize;
        let mut hits = 0usize;
        let mut count = |w: &[u8]| {
            words += 1;
            if pack(w).is_some_and(|k| is_function_word(&FUNCTION_WORDS, k)) {
                hits += 1;
            }
        };
        if sample.is_ascii() {
            // Bytes are characters: split on anything but an ASCII letter without decoding.
            for w in
                sample.as_bytes().split(|b| !b.is_ascii_alphabetic()).filter(|w| !w.is_empty()).take(PRECHECK_WORDS)
            {
                count(w);
            }
        } else {
            for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(PRECHECK_WORDS) {
                count(w.as_bytes());
            }
        }
        words >= 20 && hits as f64 >= ENGLISH_SHARE * words as f64
    }

    /// The sample the identifier reads: the first `SAMPLE_CHARS` characters.
    fn sample(text: &str) -> &str {
        match text.char_indices().nth(SAMPLE_CHARS) {
            Some((at, _)) => &text[..at],
            None => text,
        }
    }

    proptest::proptest! {
        #[test]
        fn precheck_agrees_with_the_split_words(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "the", "The", "THE", "said", "of", "would", "woulds", "thereof", "abc", "Bürger", "é", "über", "x", "wouldn",
                "der", "und", "el", "la", "’", " ", ", ", ".\n", "—", "1990", "—the", "İt", "ﬁ", "a’s",
            ]), 0..400),
            glue in proptest::collection::vec(proptest::sample::select(vec![" ", "", "\n", "-", "é"]), 0..400),
        ) {
            let text: String = words.iter().zip(glue.iter().chain(std::iter::repeat(&" "))).map(|(w, g)| format!("{w}{g}")).collect();
            proptest::prop_assert_eq!(plainly_english(&text), reference_plainly_english(sample(&text)), "{:?}", text);
        }

        #[test]
        fn precheck_agrees_on_any_string(text in "\\PC{0,3000}") {
            proptest::prop_assert_eq!(plainly_english(&text), reference_plainly_english(sample(&text)));
        }
    }

    #[test]
    fn english_is_never_skipped() {
        assert_eq!(foreign_language("Officials said 40 people were hurt."), None);
        assert_eq!(foreign_language("Der Bürgermeister sagte, 40 Menschen seien verletzt worden."), None);
        let long = "Officials said on Tuesday that at least 40 people were hurt when the old bridge over \
                    the river gave way during the morning rush, and rescue teams were still searching the \
                    water for two people reported missing by their families. The mayor said the city would \
                    open an inquiry into why the bridge, which engineers had flagged last year, stayed open.";
        assert_eq!(foreign_language(long), None);
    }

    #[test]
    fn english_news_is_settled_by_the_precheck() {
        let news = "Officials said on Tuesday that at least 40 people were hurt when the old bridge over \
                    the river gave way during the morning rush, and rescue teams were still searching the \
                    water for two people reported missing by their families.";
        assert!(plainly_english(news));
        let de = "Der Bürgermeister sagte am Dienstag, dass mindestens vierzig Menschen verletzt wurden, \
                  als die alte Brücke über den Fluss während des morgendlichen Berufsverkehrs einstürzte.";
        assert!(!plainly_english(de));
        let es = "El alcalde dijo el martes que al menos cuarenta personas resultaron heridas cuando el \
                  viejo puente sobre el río se derrumbó durante la hora punta de la mañana.";
        assert!(!plainly_english(es));
    }

    #[test]
    fn long_foreign_text_is_named() {
        let de = "Der Bürgermeister sagte am Dienstag, dass mindestens vierzig Menschen verletzt wurden, \
                  als die alte Brücke über den Fluss während des morgendlichen Berufsverkehrs einstürzte. \
                  Die Rettungskräfte suchten am Abend noch immer nach zwei Menschen, die von ihren Familien \
                  als vermisst gemeldet worden waren. Die Stadt will nun untersuchen, warum die Brücke trotz \
                  der Warnungen der Ingenieure im vergangenen Jahr nicht gesperrt worden war.";
        assert_eq!(foreign_language(de), Some("German"));
        let fr = "Le maire a déclaré mardi qu'au moins quarante personnes avaient été blessées lorsque le \
                  vieux pont sur la rivière s'est effondré pendant l'heure de pointe du matin. Les secours \
                  recherchaient encore dans la soirée deux personnes portées disparues par leurs familles. \
                  La ville veut maintenant savoir pourquoi le pont était resté ouvert malgré les alertes des \
                  ingénieurs l'année dernière.";
        assert_eq!(foreign_language(fr), Some("French"));
    }
}
