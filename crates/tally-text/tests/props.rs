//! Property tests: tokenization and sentence splitting never panic, and their spans are exact.

use proptest::prelude::*;
use tally_text::Analysis;

fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("10,000–12,000".to_string()),
        Just("’s".to_string()),
        Just("\"".to_string()),
        Just("...".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("--".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9]{1,6}",
        "[ .,;:!?'’“”«»()-]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn tokens_and_sentences_tile_the_text(s in newsy()) {
        let a = Analysis::new(&s);
        let mut last = 0;
        for t in &a.tokens {
            prop_assert!(t.span.start >= last && t.span.end > t.span.start);
            prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
            prop_assert!(s[last..t.span.start].chars().all(char::is_whitespace));
            last = t.span.end;
        }
        prop_assert!(s[last..].chars().all(char::is_whitespace));
        let mut next_tok = 0;
        for sent in &a.sentences {
            prop_assert_eq!(sent.tokens.start, next_tok);
            prop_assert!(sent.tokens.end > sent.tokens.start);
            next_tok = sent.tokens.end;
        }
        prop_assert_eq!(next_tok, a.tokens.len());
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let a = Analysis::new(&s);
        let _ = a.headline();
        let _ = a.sentence_at(s.len() / 2);
    }
}
