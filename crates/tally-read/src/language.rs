//! Language identification (with `whatlang`): the extractors read English only, so a document
//! reliably identified as written in another language is skipped rather than mis-extracted.
//! Short texts are never judged: identification on a few words is guesswork, and a short
//! English report must not be lost.

/// Texts shorter than this (characters) are never judged.
const MIN_CHARS: usize = 250;
/// Characters of the text looked at; identification is settled long before.
const SAMPLE_CHARS: usize = 4000;
/// Confidence (0..1) below which the identification is not trusted.
const MIN_CONFIDENCE: f64 = 0.9;

/// The English name of the language `text` is written in, when that is reliably not English;
/// `None` for English, for short texts and whenever identification is unsure.
pub fn foreign_language(text: &str) -> Option<&'static str> {
    let sample = match text.char_indices().nth(SAMPLE_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
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
