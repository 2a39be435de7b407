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
/// (see [`pack`]) and sorted: a look-up is a few integer comparisons.
static FUNCTION_WORDS: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    let mut words: Vec<u64> = include_str!("../data/english_function_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|w| pack(w.as_bytes()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// An ASCII word of at most 8 letters as one integer, lower-cased; `None` otherwise.
fn pack(w: &[u8]) -> Option<u64> {
    if w.len() > 8 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..w.len()].copy_from_slice(w);
    buf.make_ascii_lowercase();
    Some(u64::from_le_bytes(buf))
}

/// A cheap test that settles most English texts before the identifier runs: the share of
/// English function words among the first words. News in English runs at 25-40%; other
/// languages written in Latin script stay near zero.
fn plainly_english(sample: &str) -> bool {
    let mut words = 0usize;
    let mut hits = 0usize;
    let mut count = |w: &[u8]| {
        words += 1;
        if pack(w).is_some_and(|k| FUNCTION_WORDS.binary_search(&k).is_ok()) {
            hits += 1;
        }
    };
    if sample.is_ascii() {
        // Bytes are characters: split on anything but an ASCII letter without decoding.
        for w in sample.as_bytes().split(|b| !b.is_ascii_alphabetic()).filter(|w| !w.is_empty()).take(PRECHECK_WORDS) {
            count(w);
        }
    } else {
        for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(PRECHECK_WORDS) {
            count(w.as_bytes());
        }
    }
    words >= 20 && hits as f64 >= ENGLISH_SHARE * words as f64
}

/// The English name of the language `text` is written in, when that is reliably not English;
/// `None` for English, for short texts and whenever identification is unsure.
pub fn foreign_language(text: &str) -> Option<&'static str> {
    // The first SAMPLE_CHARS characters: the whole text when it has no more bytes than that,
    // as many bytes when they are ASCII (most news), else counted.
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
    if plainly_english(sample) {
        return None;
    }
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
