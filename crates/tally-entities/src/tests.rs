use super::*;
use proptest::prelude::*;

fn mentions(text: &str) -> Vec<(String, String, EntityKind, Form)> {
    let a = Analysis::new(text);
    find(&a).into_iter().map(|m| (m.span.text(text).to_string(), m.name, m.kind, m.form)).collect()
}

fn named<'a>(
    ms: &'a [(String, String, EntityKind, Form)],
    text: &str,
) -> Option<&'a (String, String, EntityKind, Form)> {
    ms.iter().find(|m| m.0 == text)
}

/// No mention in `text` is of `kind`.
fn assert_none_of_kind(text: &str, kind: EntityKind) {
    let ms = mentions(text);
    assert!(ms.iter().all(|m| m.2 != kind), "{ms:?}");
}

#[test]
fn countries_demonyms_and_capitals_share_one_name() {
    let ms = mentions("Pyongyang said the DPRK and North Korean troops would stay. The Democratic People's Republic of Korea denied it.");
    assert_eq!(
        named(&ms, "Pyongyang").map(|m| (m.1.as_str(), m.2, m.3)),
        Some(("North Korea", EntityKind::Country, Form::Capital))
    );
    assert_eq!(named(&ms, "DPRK").map(|m| m.1.as_str()), Some("North Korea"));
    assert_eq!(named(&ms, "North Korean").map(|m| (m.1.as_str(), m.2)), Some(("North Korea", EntityKind::Group)));
    assert_eq!(named(&ms, "Democratic People's Republic of Korea").map(|m| m.1.as_str()), Some("North Korea"));
}

#[test]
fn plural_demonyms_and_many_countries() {
    let ms = mentions("Ukrainians fled to Poland, Moldova and Romania; Sudanese and Haitians were also counted.");
    for (t, n) in [
        ("Ukrainians", "Ukraine"),
        ("Poland", "Poland"),
        ("Moldova", "Moldova"),
        ("Sudanese", "Sudan"),
        ("Haitians", "Haiti"),
    ] {
        assert_eq!(named(&ms, t).map(|m| m.1.as_str()), Some(n), "{t} in {ms:?}");
    }
}

#[test]
fn capital_as_government_versus_place() {
    let ms =
        mentions("Moscow denied the report. A parade was held in Moscow on Friday, and Kyiv estimated the losses.");
    let moscows: Vec<_> = ms.iter().filter(|m| m.0 == "Moscow").collect();
    assert_eq!(moscows.len(), 2);
    assert_eq!((moscows[0].2, moscows[0].1.as_str()), (EntityKind::Country, "Russia"));
    assert_eq!(moscows[1].2, EntityKind::Place);
    assert_eq!(named(&ms, "Kyiv").map(|m| (m.1.as_str(), m.2)), Some(("Ukraine", EntityKind::Country)));
    let ms = mentions("The envoy arrived in the capital, Pyongyang, at noon.");
    assert_eq!(named(&ms, "Pyongyang").map(|m| m.2), Some(EntityKind::Place));
}

#[test]
fn places_link_to_their_country() {
    let a = Analysis::new("Shelling hit Kharkiv and Goma, while floods struck Central Sulawesi and North Darfur.");
    let ms = find(&a);
    let get = |t: &str| ms.iter().find(|m| m.span.text(a.body) == t).map(|m| (m.kind, m.country.clone()));
    assert_eq!(get("Kharkiv"), Some((EntityKind::Place, Some("Ukraine".to_string()))));
    assert_eq!(get("Goma"), Some((EntityKind::Place, Some("Democratic Republic of the Congo".to_string()))));
    assert_eq!(get("Central Sulawesi"), Some((EntityKind::Place, Some("Indonesia".to_string()))));
    assert_eq!(get("North Darfur"), Some((EntityKind::Place, Some("Sudan".to_string()))));
}

#[test]
fn common_words_that_are_towns_are_not_places() {
    assert_none_of_kind("Police said the mobile clinic was one of many. Most of them left.", EntityKind::Place);
}

#[test]
fn no_matches_inside_words() {
    let ms = mentions("Russianness, Chinatown and the Omanis' Perugians: unrelated words like Indiana.");
    assert!(
        named(&ms, "Russian").is_none() && named(&ms, "China").is_none() && named(&ms, "India").is_none(),
        "{ms:?}"
    );
}

#[test]
fn iso_codes_only_in_safe_upper_case() {
    let ms = mentions("It is in the US and the UK, and it told us in IT terms as well as AS and IN notes.");
    assert_eq!(named(&ms, "US").map(|m| m.1.as_str()), Some("United States"));
    assert_eq!(named(&ms, "UK").map(|m| m.1.as_str()), Some("United Kingdom"));
    for w in ["It", "in", "us", "IT", "AS", "IN", "is"] {
        assert!(named(&ms, w).is_none(), "{w} matched in {ms:?}");
    }
    // A shouted headline: "US" is the pronoun.
    let ms = mentions("LEADERS TALK WITH US TODAY");
    assert!(named(&ms, "US").is_none(), "{ms:?}");
}

#[test]
fn organizations_by_name_acronym_and_role() {
    let ms = mentions(
        "South Korea's spy agency said so, citing the Korean Central News Agency KCNA. Seoul's National Intelligence Service agreed, and the NIS added details.",
    );
    assert_eq!(
        named(&ms, "South Korea's spy agency").map(|m| (m.1.as_str(), m.2)),
        Some(("National Intelligence Service (South Korea)", EntityKind::Org))
    );
    assert_eq!(named(&ms, "Korean Central News Agency").map(|m| m.1.as_str()), Some("Korean Central News Agency"));
    assert_eq!(named(&ms, "KCNA").map(|m| m.1.as_str()), Some("Korean Central News Agency"));
    assert_eq!(named(&ms, "NIS").map(|m| m.1.as_str()), Some("National Intelligence Service (South Korea)"));
    assert_eq!(
        named(&ms, "National Intelligence Service").map(|m| m.1.as_str()),
        Some("National Intelligence Service (South Korea)")
    );
}

#[test]
fn role_descriptions_are_generic() {
    let ms = mentions(
        "Russia's defence ministry and Ukraine’s air force disagreed. The Malian army and the health ministry in Gaza spoke, as did the Ministry of Finance of Tunisia.",
    );
    assert_eq!(named(&ms, "Russia's defence ministry").map(|m| m.1.as_str()), Some("Ministry of Defence (Russia)"));
    assert_eq!(named(&ms, "Ukraine’s air force").map(|m| m.1.as_str()), Some("Air Force (Ukraine)"));
    assert_eq!(named(&ms, "Malian army").map(|m| m.1.as_str()), Some("Army (Mali)"));
    assert_eq!(named(&ms, "health ministry in Gaza").map(|m| m.1.as_str()), Some("Ministry of Health (Gaza)"));
    assert_eq!(
        named(&ms, "Ministry of Finance of Tunisia").map(|m| m.1.as_str()),
        Some("Ministry of Finance (Tunisia)")
    );
    let ms = mentions("Chad held talks. Later the country's military said the border was calm.");
    assert_eq!(named(&ms, "the country's military").map(|m| m.1.as_str()), Some("Armed Forces of Chad"));
    let ms = mentions("North Korean leader Kim Jong-un spoke, the state-run media said.");
    assert_eq!(named(&ms, "state-run media").map(|m| m.1.as_str()), Some("Korean Central News Agency"), "{ms:?}");
}

#[test]
fn international_bodies_and_armed_groups() {
    let ms = mentions("OCHA, UNHCR, the WFP and NATO met; the RSF and M23 rebels, Hamas and Hezbollah were named, as were Reuters, AFP and Xinhua.");
    for (t, n) in [
        ("OCHA", "Office for the Coordination of Humanitarian Affairs"),
        ("UNHCR", "United Nations High Commissioner for Refugees"),
        ("WFP", "World Food Programme"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("RSF", "Rapid Support Forces"),
        ("M23 rebels", "M23"),
        ("Hamas", "Hamas"),
        ("Hezbollah", "Hezbollah"),
        ("Reuters", "Reuters"),
        ("AFP", "Agence France-Presse"),
        ("Xinhua", "Xinhua"),
    ] {
        assert_eq!(named(&ms, t).map(|m| m.1.as_str()), Some(n), "{t} in {ms:?}");
    }
    // "who" is never the health organization.
    let ms = mentions("Those who fled said WHO teams arrived.");
    assert!(named(&ms, "who").is_none());
    assert_eq!(named(&ms, "WHO").map(|m| m.1.as_str()), Some("World Health Organization"));
}

#[test]
fn people_with_titles_and_later_surnames() {
    let text = "Russian President Vladimir Putin met Lt. Gen. Kyrylo Budanov's rival. Governor Mykola Sydorenko said five died. \
                Putin later spoke. Sydorenko wrote that the governor would stay. Budanov declined to comment.";
    let ms = mentions(text);
    assert_eq!(named(&ms, "Vladimir Putin").map(|m| (m.2, m.3)), Some((EntityKind::Person, Form::Person)));
    assert_eq!(named(&ms, "Kyrylo Budanov").map(|m| m.2), Some(EntityKind::Person));
    assert_eq!(named(&ms, "Mykola Sydorenko").map(|m| m.2), Some(EntityKind::Person));
    assert_eq!(named(&ms, "Putin").map(|m| (m.1.as_str(), m.3)), Some(("Vladimir Putin", Form::Short)));
    assert_eq!(named(&ms, "Sydorenko").map(|m| m.1.as_str()), Some("Mykola Sydorenko"));
    assert_eq!(named(&ms, "Budanov").map(|m| m.1.as_str()), Some("Kyrylo Budanov"));
    assert_eq!(named(&ms, "governor").map(|m| (m.1.as_str(), m.3)), Some(("Mykola Sydorenko", Form::Title)));
    assert_eq!(named(&ms, "Russian").map(|m| m.1.as_str()), Some("Russia"));
}

#[test]
fn shared_surnames_resolve_to_the_most_recent_full_name() {
    let text = "North Korean leader Kim Jong-un visited a plant. Kim praised the workers. \
                His sister Kim Yo-jong said the drills were a threat. Kim also warned Seoul. \
                Later the North Korean leader left.";
    let a = Analysis::new(text);
    let ms = find(&a);
    let kims: Vec<&str> = ms.iter().filter(|m| m.span.text(text) == "Kim").map(|m| m.name.as_str()).collect();
    assert_eq!(kims, ["Kim Jong-un", "Kim Yo-jong"], "{ms:?}");
    let leader = ms.iter().find(|m| m.form == Form::Title).map(|m| (m.span.text(text), m.name.as_str()));
    assert_eq!(leader, Some(("North Korean leader", "Kim Jong-un")));
    let seoul = ms.iter().find(|m| m.span.text(text) == "Seoul").map(|m| m.name.as_str());
    assert_eq!(seoul, Some("South Korea"));
}

#[test]
fn names_before_speech_verbs_and_in_apposition() {
    let ms = mentions(
        "The ceasefire held, Ana Lopez said. Tomas Berg, a spokesman for the agency, added that aid was blocked.",
    );
    assert_eq!(named(&ms, "Ana Lopez").map(|m| m.2), Some(EntityKind::Person));
    assert_eq!(named(&ms, "Tomas Berg").map(|m| m.2), Some(EntityKind::Person));
    let ms = mentions("The Sudan Doctors Network said the toll rose.");
    assert_eq!(named(&ms, "Sudan Doctors Network").map(|m| m.2), Some(EntityKind::Org), "{ms:?}");
}

#[test]
fn resolve_prefers_the_most_specific_mention() {
    let text = "Russian President Vladimir Putin said North Korean soldiers fought.";
    let a = Analysis::new(text);
    let ms = find(&a);
    let np = Span::new(0, "Russian President Vladimir Putin".len());
    assert_eq!(resolve(&ms, np).map(|m| m.name.as_str()), Some("Vladimir Putin"));
    let s = text.find("North Korean soldiers").unwrap_or(0);
    let np = Span::new(s, s + "North Korean soldiers".len());
    assert_eq!(resolve(&ms, np).map(|m| m.name.as_str()), Some("North Korea"));
    assert!(resolve(&ms, Span::new(0, 0)).is_none());
}

#[test]
fn gazetteer_loads_fast() {
    let t = std::time::Instant::now();
    let lx = lexicon::build();
    let took = t.elapsed();
    let n = lx.entries.len();
    println!("lexicon: {n} terms loaded in {took:?}");
    assert!(n > 30_000);
    // Generous bound: the target is < 100 ms in release; debug builds and a busy machine are slower.
    assert!(took.as_secs_f64() < 5.0, "lexicon took {took:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics(s in "\\PC{0,200}") {
        let a = Analysis::new(&s);
        let ms = find(&a);
        for m in &ms {
            prop_assert!(s.get(m.span.start..m.span.end).is_some());
        }
        for w in ms.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start);
        }
    }

    #[test]
    fn never_panics_on_news_like_text(words in proptest::collection::vec(
        prop_oneof![
            Just("Kim"), Just("Jong-un"), Just("said"), Just("the"), Just("’s"), Just("'s"), Just("Russia"),
            Just("President"), Just("Gen."), Just("J."), Just("spy agency"), Just("of"), Just("in"), Just("Gaza"),
            Just(","), Just("."), Just("North Korean"), Just("US"), Just("é"), Just("country"), Just("governor"),
        ], 0..40)) {
        let s = words.join(" ");
        let a = Analysis::new(&s);
        let ms = find(&a);
        for m in &ms {
            prop_assert!(s.get(m.span.start..m.span.end).is_some());
        }
    }
}

/// Throughput over the development corpus, read at run time when present.
#[test]
fn throughput_on_dev_corpus() {
    let shared = std::env::var("TALLY_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").to_string());
    let dir = format!("{shared}/corpus/dev");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!("skipped: {dir} not found");
        return;
    };
    let mut texts = Vec::new();
    for e in rd.flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    let _ = &*LEXICON;
    let analyses: Vec<Analysis> = texts.iter().map(|t| Analysis::new(t)).collect();
    let rounds: usize = std::env::var("TALLY_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(20);
    let bytes: usize = texts.iter().map(|t| t.len()).sum::<usize>() * rounds;
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for a in &analyses {
            n += find(a).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("find: {n} mentions, {:.1} MB/s", bytes as f64 / secs / 1e6);
    assert!(n > 0);
}

#[test]
fn pronouns_and_time_words() {
    let text = "Governor Mykola Sydorenko visited the site. He said 12 people died. Crowds filled Rustaveli Avenue on Wednesday.";
    let ms = mentions(text);
    assert_eq!(named(&ms, "He").map(|m| (m.1.as_str(), m.3)), Some(("Mykola Sydorenko", Form::Pronoun)));
    assert_eq!(named(&ms, "Rustaveli Avenue").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
}

#[test]
fn datelines_and_bare_roles() {
    let text = "KYIV, March 3 - Ukraine's air force said 40 drones were shot down. Russia fired missiles, the air force added.";
    let ms = mentions(text);
    assert_eq!(named(&ms, "KYIV").map(|m| m.2), Some(EntityKind::Place));
    assert_eq!(named(&ms, "air force").map(|m| m.1.as_str()), Some("Air Force (Ukraine)"), "{ms:?}");
    let ms = mentions("The Assam State Disaster Management Authority said roads were cut.");
    assert_eq!(named(&ms, "Assam State Disaster Management Authority").map(|m| m.2), Some(EntityKind::Org), "{ms:?}");
}

#[test]
fn pronouns_skip_past_an_unnamed_speaker() {
    let text = "The strike hit at dawn, said Ko Min Aung, a spokesman for the group. \
                A farmer from a nearby village said families had fled. \"We only come back at night,\" he said.";
    let ms = mentions(text);
    assert!(named(&ms, "he").is_none(), "{ms:?}");
    let ms = mentions("Kim visited the plant, said Ri Chol Ho, an official. Later he spoke again.");
    assert_eq!(named(&ms, "he").map(|m| m.1.as_str()), Some("Ri Chol Ho"), "{ms:?}");
}

#[test]
fn newspapers_named_after_cities_are_organizations() {
    let ms = mentions("The Washington Post and the Kyiv Independent reported it; Moscow denied it.");
    assert_eq!(named(&ms, "Washington Post").map(|m| m.2), Some(EntityKind::Org), "{ms:?}");
    assert_eq!(named(&ms, "Moscow").map(|m| m.1.as_str()), Some("Russia"));
}

#[test]
fn geographic_names_and_companies() {
    let ms = mentions("Fighters attacked a post near Lake Chad. General Motors cut jobs. The Red Sea route closed.");
    assert_eq!(named(&ms, "Lake Chad").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
    assert!(ms.iter().all(|m| m.2 != EntityKind::Person), "{ms:?}");
    assert_eq!(named(&ms, "Red Sea").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
}

#[test]
fn the_ministry_refers_back() {
    let text = "Congo's health ministry said 40 died. The toll may rise, the ministry added. The Sudan Doctors Network said the network had counted 12.";
    let ms = mentions(text);
    assert_eq!(
        named(&ms, "the ministry").map(|m| m.1.as_str()),
        Some("Ministry of Health (Democratic Republic of the Congo)"),
        "{ms:?}"
    );
    assert_eq!(named(&ms, "the network").map(|m| m.1.as_str()), Some("Sudan Doctors Network"), "{ms:?}");
}

/// The automaton's patterns searched by the library over every byte, leftmost-longest: the
/// reference for the anchored search from word starts.
static REFERENCE: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    let lx = &*LEXICON;
    let patterns: Vec<&str> =
        (0..lx.automaton.patterns_len()).filter_map(|i| lx.entries.get(i)).map(|e| e.pattern).collect();
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns)
        .expect("the patterns build")
});

/// The dictionary hits of the library's search: word-bounded, in the right case.
fn reference_hits(an: &Analysis) -> Vec<(usize, usize, usize)> {
    let body = an.body;
    REFERENCE
        .find_iter(body)
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .filter(|&(s, e, p)| {
            !body[..s].chars().next_back().is_some_and(word_char)
                && !body[e..].chars().next().is_some_and(word_char)
                && case_ok(&LEXICON.entries[p], &body[s..e], an, s, e)
        })
        .collect()
}

fn automaton_hits(an: &Analysis) -> Vec<(usize, usize, usize)> {
    let n = LEXICON.automaton.patterns_len();
    dictionary_hits(an, &Words::new(an))
        .iter()
        .filter(|h| h.entry < n)
        .map(|h| (h.span.start, h.span.end, h.entry))
        .collect()
}

#[test]
fn anchored_search_finds_what_a_search_over_every_byte_finds() {
    for text in [
        "South Korea's spy agency said pro-Russia forces near Kursk-based units and U.S. troops met.",
        "KYIV, March 3 - the UN Security Council and the United Nations High Commissioner for Human Rights.",
        "occupied Palestinian land; south Korea said; Médecins Sans Frontières in Côte d'Ivoire and Åland Islands.",
        "The Democratic People's Republic of Korea (DPRK) and KCNA; Sudan's RSF; 2.5bn for G7.",
        "UNICEF, UNHCR and the USA; US-led forces, Usually unusual UN-backed talks in Unity State.",
    ] {
        let an = Analysis::new(text);
        assert_eq!(automaton_hits(&an), reference_hits(&an), "{text}");
    }
}

proptest! {
    /// The anchored search from word starts finds the hits of the library's search over every
    /// byte, for words apart (a pattern glued to the letters before it, as in "xSouth Sudan",
    /// is found whole by neither, but its later words are found by the anchored search only).
    #[test]
    fn anchored_search_matches_the_library_search(
        parts in prop::collection::vec(prop_oneof![
            Just("North Korea".to_string()),
            Just("South Korea's".to_string()),
            Just("KCNA".to_string()),
            Just("Kyiv".to_string()),
            Just("Russian".to_string()),
            Just("the health ministry".to_string()),
            Just("pro-Ukraine".to_string()),
            Just("U.S.".to_string()),
            Just("Côte d'Ivoire".to_string()),
            "[a-zA-Z' .,-]{0,12}",
        ], 0..12),
    ) {
        let text = parts.join(" ");
        let an = Analysis::new(&text);
        prop_assert_eq!(automaton_hits(&an), reference_hits(&an));
    }
}

#[test]
fn names_do_not_run_across_line_breaks() {
    // A credit line ending in a capitalised word, then a paragraph opening with a name.
    let ms = mentions("Photos by Harbor Daily News\n\nMarta Oyelaran said the bridge had closed.");
    assert_eq!(named(&ms, "Marta Oyelaran").map(|m| (m.1.as_str(), m.2)), Some(("Marta Oyelaran", EntityKind::Person)));
    assert!(ms.iter().all(|m| !m.0.contains('\n')), "{ms:?}");
}

#[test]
fn world_regions_and_provinces_are_places() {
    let ms = mentions("Officials in Inner Mongolia said sales in North America and Europe fell, and Virginia voted.");
    assert_eq!(named(&ms, "Inner Mongolia").map(|m| (m.1.as_str(), m.2)), Some(("Inner Mongolia", EntityKind::Place)));
    assert_eq!(named(&ms, "North America").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
    assert_eq!(named(&ms, "Europe").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
    let a = Analysis::new("Virginia voted on Tuesday.");
    let virginia = find(&a).into_iter().find(|m| m.span.text(a.body) == "Virginia").and_then(|m| m.country);
    assert_eq!(virginia.as_deref(), Some("United States"));
}

#[test]
fn well_known_agencies_companies_and_outlets() {
    let ms = mentions(
        "The FBI and NASA briefed reporters, Google said, and the Arab League told Business Insider it would meet in Cairo.",
    );
    for (t, n) in [
        ("FBI", "Federal Bureau of Investigation"),
        ("NASA", "NASA"),
        ("Google", "Google"),
        ("Arab League", "Arab League"),
        ("Business Insider", "Business Insider"),
    ] {
        assert_eq!(named(&ms, t).map(|m| (m.1.as_str(), m.2)), Some((n, EntityKind::Org)), "{t} in {ms:?}");
    }
    // "Security Council" alone is the UN's; the national one is not.
    let ms = mentions("A former National Security Council official testified.");
    assert_eq!(named(&ms, "National Security Council").map(|m| m.1.as_str()), Some("National Security Council"));
}

#[test]
fn datelines_with_a_colon_and_addresses_name_the_city() {
    let ms = mentions("NEW DELHI: Flights resumed on Monday.\n\nThe office is at 10 K Street, Washington DC 20006.");
    assert_eq!(named(&ms, "NEW DELHI").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
    assert_eq!(named(&ms, "Washington").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
}

#[test]
fn unknown_brands_after_in_are_no_places() {
    assert_none_of_kind(
        "Keys fail in MacBook keyboards, and children died in CBX custody, a director at Zentrox said.",
        EntityKind::Place,
    );
}

#[test]
fn job_title_words_are_no_names() {
    let ms = mentions("The firm hired Ivan Petrakis as Chief Strategy Officer. Olga Brandt, General Manager of the unit, said sales rose.");
    assert!(named(&ms, "Strategy").is_none() && named(&ms, "Manager").is_none(), "{ms:?}");
    assert_eq!(named(&ms, "Olga Brandt").map(|m| m.2), Some(EntityKind::Person), "{ms:?}");
    let ms = mentions("Agency Administrator Jim Calloway said the launch would slip.");
    assert_eq!(named(&ms, "Jim Calloway").map(|m| m.2), Some(EntityKind::Person), "{ms:?}");
}

#[test]
fn the_president_is_not_the_vice_president() {
    let ms = mentions(
        "President Lena Varga met Vice President Tomas Kell on Monday. Later the president said the talks went well.",
    );
    assert_eq!(named(&ms, "president").map(|m| m.1.as_str()), Some("Lena Varga"), "{ms:?}");
}

#[test]
fn a_given_name_starts_a_person_without_a_cue() {
    // A list of names with no speech verb or title, one surname also a town name.
    let ms = mentions("The tour features Tom Avery, Linda Ostrow and Patrick Bolton on stage in July.");
    for n in ["Tom Avery", "Linda Ostrow", "Patrick Bolton"] {
        assert_eq!(named(&ms, n).map(|m| m.2), Some(EntityKind::Person), "{n} in {ms:?}");
    }
    assert!(named(&ms, "Bolton").is_none(), "{ms:?}");
    // Not a venue or a team.
    assert_none_of_kind("Fans gathered at Grace Cathedral and cheered the Lincoln Tech team.", EntityKind::Person);
}

#[test]
fn he_and_she_skip_a_person_of_the_other_sex() {
    let ms = mentions("Daniel Okafor met Maria Lindqvist on Monday. She said the deal was close, and he agreed.");
    assert_eq!(named(&ms, "She").map(|m| m.1.as_str()), Some("Maria Lindqvist"), "{ms:?}");
    assert_eq!(named(&ms, "he").map(|m| m.1.as_str()), Some("Daniel Okafor"), "{ms:?}");
}

#[test]
fn apposition_with_who_and_name_suffixes() {
    let ms = mentions("Dorin Maslak, who represents the driver, spoke first. Maslak said the trial would be long.");
    assert_eq!(named(&ms, "Maslak").map(|m| m.1.as_str()), Some("Dorin Maslak"), "{ms:?}");
    let ms = mentions("Officers arrested Patrick Velden Jr. on Friday. Velden was released later.");
    assert_eq!(named(&ms, "Velden").map(|m| m.2), Some(EntityKind::Person), "{ms:?}");
}

#[test]
fn a_pronoun_opening_a_sentence_is_the_subject_before() {
    let ms = mentions(
        "Daniel Pike spoke by phone with the mayor, Edwin Thornbury, on Friday. He said the bridge would reopen.",
    );
    assert_eq!(named(&ms, "He").map(|m| m.1.as_str()), Some("Daniel Pike"), "{ms:?}");
    // Not when the sentence before quotes someone: its speaker often comes last.
    let ms = mentions("\"We are ready,\" Edwin Thornbury told Daniel Pike. He said the bridge would reopen.");
    assert_eq!(named(&ms, "He").map(|m| m.1.as_str()), Some("Daniel Pike"), "{ms:?}");
}

#[test]
fn a_second_pronoun_in_a_sentence_keeps_the_first_ones_person() {
    let ms = mentions(
        "Daniel Pike said he saw the reports on Governor Laszlo Brandt as separate, but that he understood the worry.",
    );
    let hes: Vec<_> = ms.iter().filter(|m| m.0 == "he").map(|m| m.1.as_str()).collect();
    assert_eq!(hes, ["Daniel Pike", "Daniel Pike"], "{ms:?}");
}

#[test]
fn a_town_inside_a_longer_name_is_no_place() {
    let ms = mentions(
        "The Pittsburgh Penguins lost to a side coached by Brock Nelson, and Ceres Robotics joined the Davis Cup sponsors.",
    );
    assert!(ms.iter().all(|m| m.2 != EntityKind::Place), "{ms:?}");
    // A town with a place word, a direction or a title after it stays a place.
    let ms = mentions("Traders in Kowloon West said the Goma Mayor met bankers from Greater Manchester.");
    for t in ["Kowloon", "Goma", "Manchester"] {
        assert!(ms.iter().any(|m| m.0.contains(t) && m.2 == EntityKind::Place), "{t} in {ms:?}");
    }
}

#[test]
fn company_heads_end_organization_names() {
    let ms = mentions("Gerald Osei of Halvard Robotics and staff from Tom Brenner Studios said the launch slipped.");
    assert_eq!(named(&ms, "Halvard Robotics").map(|m| m.2), Some(EntityKind::Org), "{ms:?}");
    assert_eq!(named(&ms, "Tom Brenner Studios").map(|m| m.2), Some(EntityKind::Org), "{ms:?}");
    // An organization named for a person keeps its connector ("Max Planck Institute for ...").
    let ms = mentions("Scientists at the Max Planck Institute for Astrophysics said the star collapsed.");
    assert_eq!(named(&ms, "Max Planck Institute for Astrophysics").map(|m| m.2), Some(EntityKind::Org), "{ms:?}");
}

#[test]
fn bylines_and_credits_are_no_antecedents() {
    let ms = mentions("By Laura Pennick\n\nA Dayton man said he had found the ring.");
    assert!(named(&ms, "he").is_none(), "{ms:?}");
}

#[test]
fn a_capital_after_a_town_is_a_state() {
    let ms = mentions("The firm moved from Kent, Washington to a new plant.");
    assert_eq!(named(&ms, "Washington").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
}

#[test]
fn based_in_a_capital_and_deputies() {
    let ms = mentions("A London-based charity said Prime Minister Alan Corrigan met the deputy prime minister.");
    assert_eq!(named(&ms, "London").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
    assert!(ms.iter().all(|m| !m.0.contains("deputy")), "{ms:?}");
}

#[test]
fn two_companies_joined_by_and_stay_two() {
    let ms = mentions("Contracts went to Halvard Robotics and Tyvak Orbital Systems last year.");
    assert_eq!(named(&ms, "Halvard Robotics").map(|m| m.2), Some(EntityKind::Org), "{ms:?}");
    assert_eq!(named(&ms, "Tyvak Orbital Systems").map(|m| m.2), Some(EntityKind::Org), "{ms:?}");
    let ms = mentions("The Department of Hydrology and Meteorology issued a warning.");
    assert!(named(&ms, "Department of Hydrology and Meteorology").is_some(), "{ms:?}");
}

#[test]
fn a_shorter_name_ending_a_full_one_is_that_person() {
    let ms = mentions("The minister named Kathleen Marsh Oduya to lead the agency. Lawmakers then questioned Marsh Oduya, who said staffing was short.");
    let later: Vec<_> = ms.iter().filter(|m| m.0 == "Marsh Oduya").map(|m| m.1.as_str()).collect();
    assert_eq!(later, ["Kathleen Marsh Oduya"], "{ms:?}");
}

#[test]
fn a_longer_place_holds_a_country_or_region_name() {
    let ms = mentions("Voters in New Jersey and New Mexico went to the polls, and a storm hit New England.");
    assert_eq!(
        named(&ms, "New Jersey").map(|m| (m.1.as_str(), m.2)),
        Some(("New Jersey", EntityKind::Place)),
        "{ms:?}"
    );
    assert_eq!(named(&ms, "New Mexico").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
    assert_eq!(named(&ms, "New England").map(|m| m.2), Some(EntityKind::Place), "{ms:?}");
    assert!(named(&ms, "Jersey").is_none() && named(&ms, "Mexico").is_none(), "{ms:?}");
}

#[test]
fn a_middle_initial_makes_a_name() {
    let ms = mentions(
        "The defence lawyer, Corinne A. Velasquez, disputed the count. Police also arrested Ellery T. Brandvold.",
    );
    assert_eq!(named(&ms, "Corinne A. Velasquez").map(|m| m.2), Some(EntityKind::Person), "{ms:?}");
    assert_eq!(named(&ms, "Ellery T. Brandvold").map(|m| m.2), Some(EntityKind::Person), "{ms:?}");
}

#[test]
fn common_given_names_begin_people_not_towns() {
    let ms = mentions("Brock Halvorsen scored twice and Halvorsen later thanked the fans.");
    assert_eq!(named(&ms, "Brock Halvorsen").map(|m| m.2), Some(EntityKind::Person), "{ms:?}");
    let ms = mentions("Fans cheered as Jessie Nelson sang. Nelson bowed.");
    assert_eq!(
        named(&ms, "Nelson").map(|m| (m.1.as_str(), m.2)),
        Some(("Jessie Nelson", EntityKind::Person)),
        "{ms:?}"
    );
    assert_none_of_kind("Shares of Walt Disney Co. rose.", EntityKind::Person);
}

#[test]
fn a_person_called_he_is_not_she() {
    let ms =
        mentions("Dantavi Oruko said the race was open. He apologised for being late. A voter said she was impressed.");
    assert_eq!(named(&ms, "He").map(|m| m.1.as_str()), Some("Dantavi Oruko"), "{ms:?}");
    assert!(named(&ms, "she").is_none(), "{ms:?}");
}

#[test]
fn an_occupation_before_a_name_makes_a_person() {
    let ms = mentions("The findings were welcomed by marine geologist Tovah Krell and by study co-author Ilse Marnow.");
    assert_eq!(named(&ms, "Tovah Krell").map(|m| m.2), Some(EntityKind::Person), "{ms:?}");
    assert_eq!(named(&ms, "Ilse Marnow").map(|m| m.2), Some(EntityKind::Person), "{ms:?}");
}

#[test]
fn a_title_after_a_conjunction_is_no_apposition() {
    assert_none_of_kind("She edits Orbit Ledger Weekly, and a novelist praised it.", EntityKind::Person);
}

#[test]
fn planets_and_moons_are_no_places() {
    assert_none_of_kind(
        "Probes found ice on Europa, one of Jupiter's moons, and lakes on Titan, which circles Saturn.",
        EntityKind::Place,
    );
}

#[test]
fn a_shelter_or_clinic_is_no_person() {
    assert_none_of_kind("The Marlow Creek Animal Shelter announced the adoption on Monday.", EntityKind::Person);
}
