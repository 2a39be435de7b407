//! Behaviour tests with sentences written for them: one per grammar pattern, quote form and
//! reference case.

use super::*;
use proptest::prelude::*;

/// The analysis and attributions of `text` (the analysis and mentions the results borrow from
/// are leaked: they live as long as the test).
fn run(text: &str) -> (&Analysis<'_>, Attributions<'_>) {
    let an: &Analysis = Box::leak(Box::new(Analysis::new(text)));
    let ents: &[Mention] = Box::leak(tally_entities::find(an).into_boxed_slice());
    (an, find(an, ents))
}

fn span_of(text: &str, needle: &str) -> Span {
    let s = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(s, s + needle.len())
}

/// Source texts, cue and via of the frame governing `needle`.
fn sources(text: &str, needle: &str) -> (Vec<String>, String, Option<String>) {
    let (an, a) = run(text);
    match a.governing(span_of(text, needle)) {
        Some(f) => (
            f.sources.iter().map(|s| an.text(s.anchor.span).to_string()).collect(),
            f.sources.first().map(|s| s.cue.to_string()).unwrap_or_default(),
            f.via.as_ref().map(|v| an.text(v.span).to_string()),
        ),
        None => (vec![], String::new(), None),
    }
}

/// A quote as (said, speaker text, speaker name, direct, via text).
type Q = (String, Option<String>, Option<String>, bool, Option<String>);

fn quotes(text: &str) -> Vec<Q> {
    let (an, a) = run(text);
    a.quotes
        .iter()
        .map(|q| {
            (
                an.text(q.span).to_string(),
                q.speaker.as_ref().map(|s| an.text(s.span).to_string()),
                q.speaker.as_ref().and_then(|s| s.name.map(str::to_string)),
                q.direct,
                q.via.as_ref().map(|v| an.text(v.span).to_string()),
            )
        })
        .collect()
}

#[test]
fn according_to_front_middle_end() {
    let (s, cue, _) = sources("According to the harbour authority, 14 ships ran aground.", "14 ships");
    assert_eq!((s, cue.as_str()), (vec!["the harbour authority".to_string()], "According to"));
    let (s, _, _) = sources("The convoy, according to witnesses, carried 40 trucks of flour.", "40 trucks");
    assert_eq!(s, ["witnesses"]);
    let (s, _, _) = sources("Nine miners were trapped underground, according to the mine operator.", "Nine miners");
    assert_eq!(s, ["the mine operator"]);
    // "according to" is no quote.
    assert!(quotes("Nine miners were trapped underground, according to the mine operator.").is_empty());
}

#[test]
fn said_before_and_after_the_content() {
    let text = "The interior ministry said on Friday that 23 suspects had been arrested.";
    let (an, a) = run(text);
    let f = a.governing(span_of(text, "23 suspects")).unwrap();
    assert_eq!(an.text(f.sources[0].anchor.span), "The interior ministry");
    assert!(an.text(f.frame).contains("Friday"), "statement time stands in the frame");
    let q = quotes(text);
    assert_eq!(q[0].0, "23 suspects had been arrested");
    assert!(!q[0].3, "reported speech is not direct");

    let (s, _, _) = sources("At least 30 homes burned overnight, the fire service said.", "30 homes");
    assert_eq!(s, ["the fire service"]);
    let (s, _, _) = sources("Some 500 people fled, the mayor told reporters in the capital.", "500 people");
    assert_eq!(s, ["the mayor"]);
}

#[test]
fn cue_stances_come_from_the_table() {
    let stance = |text: &str, needle: &str| {
        let (_, a) = run(text);
        a.governing(span_of(text, needle)).map(|f| f.sources[0].stance)
    };
    assert_eq!(stance("The rebels claimed they had killed 80 soldiers.", "80"), Some(Stance::Contested));
    assert_eq!(stance("Officials estimated that 3,000 homes were damaged.", "3,000"), Some(Stance::Estimated));
    assert_eq!(stance("The army denied that 12 civilians had died.", "12"), Some(Stance::Denied));
    assert_eq!(stance("The agency confirmed that 5 workers were missing.", "5"), Some(Stance::Asserted));
    assert_eq!(stance("The agency alleged that 5 workers were beaten.", "5"), Some(Stance::Contested));
}

#[test]
fn coordinated_sources_become_several_entries() {
    let (s, _, _) =
        sources("Estimates from Norway, Chile, and Kenya show that 2,000 volunteers took part.", "2,000 volunteers");
    assert_eq!(s, ["Norway", "Chile", "Kenya"]);
    let (s, _, _) = sources("Ten shops were looted, according to local traders and the police.", "Ten shops");
    assert_eq!(s, ["local traders", "the police"]);
    // An appositive is no second source.
    let (s, _, _) = sources("Ten shops were looted, according to the Tana Traders Union, a local group.", "Ten shops");
    assert_eq!(s, ["the Tana Traders Union"]);
}

#[test]
fn figures_show_at_either_end() {
    let (s, cue, _) =
        sources("Exports fell by 12 percent in May, figures from the statistics office show.", "12 percent");
    assert_eq!((s, cue.as_str()), (vec!["the statistics office".to_string()], "show"));
    let (s, _, _) = sources("Figures from the port authority show that 700 containers were lost.", "700 containers");
    assert_eq!(s, ["the port authority"]);
    assert!(quotes("Figures from the port authority show that 700 containers were lost.").is_empty());
}

#[test]
fn citing_puts_the_outer_speaker_in_via() {
    let text = "Seven people died in the collapse, the broadcaster said, citing hospital officials.";
    let (s, _, via) = sources(text, "Seven people");
    assert_eq!(s, ["hospital officials"]);
    assert_eq!(via.as_deref(), Some("the broadcaster"));
    let q = quotes(text);
    assert_eq!(q[0].1.as_deref(), Some("the broadcaster"), "the quote is the broadcaster's");
}

#[test]
fn quoted_as_saying_passive_and_active() {
    let q = quotes("We will rebuild every school in the province, Tran Van Minh was quoted as saying.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].1.as_deref(), Some("Tran Van Minh"));
    assert!(q[0].3, "state-media style unmarked speech is direct");
    let q = quotes("The news agency quoted Tran Van Minh as saying that the dam was safe.");
    assert_eq!(q[0].0, "the dam was safe");
    assert_eq!(q[0].1.as_deref(), Some("Tran Van Minh"));
    assert_eq!(q[0].4.as_deref(), Some("The news agency"));
    let q = quotes("The dam is safe and the people must stay calm, Tran Van Minh was quoted as saying by Radio Delta.");
    assert_eq!(q[0].4.as_deref(), Some("Radio Delta"));
}

#[test]
fn relative_clauses_and_appositives_are_left_out_of_the_source() {
    let (s, _, _) = sources("The Blue Cross, which runs the shelter, said 60 families had arrived.", "60 families");
    assert_eq!(s, ["The Blue Cross"]);
    let (s, _, _) = sources("Dara Okafor, a spokeswoman for the port, said 9 cranes were down.", "9 cranes");
    assert_eq!(s, ["Dara Okafor"]);
    let q = quotes("\"We found 12 bodies,\" said Amal Haddad, a nurse at the clinic.");
    assert_eq!(q[0].1.as_deref(), Some("Amal Haddad"));
    assert!(q[0].3);
}

#[test]
fn nested_speech_act_under_a_channel() {
    let q = quotes("According to the agency, Tran expressed deep regret over the delays.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].1.as_deref(), Some("Tran"));
    assert_eq!(q[0].4.as_deref(), Some("the agency"));
    assert!(!q[0].3);
    assert!(q[0].0.starts_with("expressed deep regret"));
    let q = quotes("The governor toured the dam and called for faster repairs, the radio reported.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].1.as_deref(), Some("The governor"));
    assert_eq!(q[0].4.as_deref(), Some("the radio"));
}

#[test]
fn pronouns_descriptions_and_surnames_resolve() {
    let text = "\"The roads are gone,\" Maria Lopez said. She said 200 homes had flooded.";
    let (an, a) = run(text);
    let f = a.governing(span_of(text, "200 homes")).unwrap();
    assert_eq!(an.text(f.sources[0].anchor.span), "She");
    assert_eq!(f.sources[0].anchor.name, Some("Maria Lopez"));

    let text = "The Red Lion Society denied the report. It said 15 of its volunteers were safe.";
    let (_, a) = run(text);
    let f = a.governing(span_of(text, "15 of")).unwrap();
    assert_eq!(f.sources[0].anchor.name, Some("Red Lion Society"));

    let text = "The Ministry of Transport said trains would resume. The ministry added that 30 stations were shut.";
    let (_, a) = run(text);
    let f = a.governing(span_of(text, "30 stations")).unwrap();
    assert_eq!(f.sources[0].anchor.name, Some("Ministry of Transport"));

    let text = "Paulo Mendes, an engineer, said the bridge held. Mendes said 4 cables had snapped.";
    let (_, a) = run(text);
    let f = a.governing(span_of(text, "4 cables")).unwrap();
    assert_eq!(f.sources[0].anchor.name, Some("Paulo Mendes"));

    let text =
        "A fisherman from the next bay, who did not give his name, said the boats sank. \"We lost 6 boats,\" he said.";
    let q = quotes(text);
    assert_eq!(q.last().unwrap().2.as_deref(), Some("A fisherman from the next bay"));
}

#[test]
fn quotation_marks_of_every_kind_and_split_quotes() {
    let q = quotes("\"We had no warning,\" Lopez said. \"The water came in minutes.\"");
    assert_eq!(q.len(), 2);
    assert!(q.iter().all(|x| x.1.as_deref() == Some("Lopez") && x.3));
    assert_eq!(q[1].0, "The water came in minutes.");
    for text in [
        "“We will stay,” said Jean Moreau.",
        "‘We will stay,’ said Jean Moreau.",
        "'We will stay,' said Jean Moreau.",
        "«We will stay,» said Jean Moreau.",
    ] {
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{text}");
        assert_eq!(q[0].0, "We will stay,", "{text}");
        assert_eq!(q[0].1.as_deref(), Some("Jean Moreau"), "{text}");
    }
    // Apostrophes are not quotation marks.
    assert!(quotes("The soldiers' families met at the workers' club.").is_empty());
}

#[test]
fn unmarked_speech_over_two_sentences_is_one_quote_per_sentence() {
    let text = "Our people will never surrender. We will rebuild every town, Tran said.";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert!(q.iter().all(|x| x.3 && x.1.as_deref() == Some("Tran")));
    assert_eq!(q[0].0, "Our people will never surrender");
}

#[test]
fn reported_speech_and_reporters_voice() {
    let q = quotes("Pyongyang confirmed that the border had been closed to trade.");
    assert_eq!(q[0].0, "the border had been closed to trade");
    assert!(!q[0].3);
    let (_, a) = run("A storm destroyed 80 homes on the coast.");
    assert!(a.frames.is_empty() && a.quotes.is_empty());
    // A passive "reported" is no frame.
    let (_, a) = run("About 70 people were reported to have died.");
    assert!(a.frames.is_empty());
}

#[test]
fn scope_ends_at_the_clause_the_frame_governs() {
    let text = "Prices rose 4 percent, and the bank said in May that rates would stay at 5 percent.";
    assert!(sources(text, "4 percent").0.is_empty());
    assert_eq!(sources(text, "5 percent").0, ["the bank"]);
    let text = "The city said it gave 1.5 million euros, while a charity raised $96,000 last week.";
    assert_eq!(sources(text, "1.5 million").0, ["The city"]);
    assert!(sources(text, "96,000").0.is_empty());
    let text = "About 600 people died, according to the Red Cross, and 300 more are missing, the army said.";
    assert_eq!(sources(text, "600 people").0, ["the Red Cross"]);
    assert_eq!(sources(text, "300 more").0, ["the army"]);
    // A following participle stays in what was said.
    let text = "Strikes killed 20 people, the ministry said, bringing the toll to 900.";
    assert_eq!(sources(text, "900").0, ["the ministry"]);
}

#[test]
fn unverified_claims_are_marked() {
    let text = "The rebels said they had shot down 3 helicopters. The claims could not be independently verified.";
    let (_, a) = run(text);
    assert!(a.governing(span_of(text, "3 helicopters")).unwrap().unverified);
    let text = "The army said it killed 40 fighters, a claim that could not be independently verified.";
    let (_, a) = run(text);
    assert!(a.governing(span_of(text, "40 fighters")).unwrap().unverified);
    let (_, a) = run("The army said it killed 40 fighters.");
    assert!(!a.frames[0].unverified);
}

#[test]
fn headlines_give_no_quotes_and_names_are_not_cues() {
    let q = quotes("Flood kills 40, officials say\n\nRain fell all week.");
    assert!(q.is_empty());
    let (_, a) = run("The United States sent 300 engineers.");
    assert!(a.frames.is_empty());
}

#[test]
fn wire_datelines_are_not_content() {
    let q = quotes("LIMA, May 2 (Wire) - Mudslides buried 12 houses, the civil defence office said.");
    assert_eq!(q[0].0, "Mudslides buried 12 houses");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,300}") {
        let (_, a) = run(&s);
        for q in &a.quotes {
            prop_assert!(q.span.end <= s.len());
        }
    }

    #[test]
    fn never_panics_on_news_like_text(words in proptest::collection::vec(prop_oneof![
        Just("said"), Just("according"), Just("to"), Just(","), Just("."), Just("\""), Just("“"), Just("”"),
        Just("'"), Just("the"), Just("ministry"), Just("Kim"), Just("He"), Just("citing"), Just("was"),
        Just("quoted"), Just("as"), Just("saying"), Just("12"), Just("that"), Just("and"), Just("figures"),
        Just("from"), Just("show"), Just("which"), Just("—"), Just("\n"), Just("Dr."), Just("it"), Just("told"),
    ], 0..60)) {
        let text = words.join(" ");
        let (an, a) = run(&text);
        for f in &a.frames {
            prop_assert!(f.frame.end <= text.len());
            for c in &f.contents {
                prop_assert!(an.body.get(c.start..c.end).is_some());
            }
        }
    }
}

#[test]
fn possessive_estimates_and_channels_in_adjuncts() {
    let (s, _, _) = sources("The bank lowered its growth forecast to 1.2 percent.", "1.2 percent");
    assert_eq!(s, ["The bank"]);
    let (s, _, _) = sources("The Red Cross's latest count puts the toll at 140.", "140");
    assert_eq!(s, ["The Red Cross"]);
    let (s, _, _) = sources("About 90 people died, according to the agency's estimate.", "90 people");
    assert_eq!(s, ["the agency"]);
    let q = quotes("Lee Min-ho said in a statement carried by Radio Nord on Sunday that talks had failed.");
    assert_eq!(q[0].4.as_deref(), Some("Radio Nord"), "the channel stops before the time");
}

#[test]
fn only_verbs_that_invert_take_a_following_speaker() {
    // "told" never inverts: the speaker stands before it.
    let q = quotes("\"We counted 19 bodies,\" Dr. Sara Nouri, the clinic's head, told Radio Nord by phone.");
    assert_eq!(q[0].1.as_deref(), Some("Dr. Sara Nouri"));
    assert_eq!(q[0].4.as_deref(), Some("Radio Nord"));
    // A description in apposition gives way to the name.
    let (s, _, _) = sources("The clinic's head, Sara Nouri, said 19 bodies had arrived.", "19 bodies");
    assert_eq!(s, ["Sara Nouri"]);
    // "said the boats sank" is no inverted speaker.
    let (_, a) = run("A fisherman, who asked not to be named, said the boats sank.");
    assert!(a.frames.iter().all(|f| f.sources.iter().all(|s| !s.anchor.span.is_empty())));
    assert_eq!(quotes("A fisherman, who asked not to be named, said the boats sank.")[0].0, "the boats sank");
}

#[test]
fn adjuncts_after_the_cue_are_part_of_the_frame() {
    let q = quotes("Some 500 people fled, the mayor told reporters in the capital.");
    assert_eq!(q[0].0, "Some 500 people fled");
    let q = quotes("Officials said on condition of anonymity that 60 soldiers had deserted.");
    assert_eq!(q[0].0, "60 soldiers had deserted");
    let q = quotes("Our towns will rise again, Lee said during a visit to the flooded district.");
    assert_eq!(q[0].0, "Our towns will rise again");
    assert!(q[0].3);
    // A clause after the cue is content, even after a fronted participle.
    let q = quotes("Asked about the losses, the minister said 40 soldiers had died.");
    assert_eq!(q[0].0, "40 soldiers had died");
}

#[test]
fn citing_before_the_cue_and_named_speakers_after_it() {
    let text = "The agency, citing police, said 17 people were detained.";
    let (s, _, via) = sources(text, "17 people");
    assert_eq!((s, via.as_deref()), (vec!["police".to_string()], Some("The agency")));
    let text = "Citing hospital sources, the station said 8 people had died.";
    let (s, _, via) = sources(text, "8 people");
    assert_eq!((s, via.as_deref()), (vec!["hospital sources".to_string()], Some("the station")));
    let q = quotes("\"Nobody is safe here,\" said one resident, Fatima Bello. \"Nobody.\"");
    assert_eq!(q.len(), 2);
    assert!(q.iter().all(|x| x.1.as_deref() == Some("Fatima Bello")));
    let (s, _, _) = sources("The report, released on Monday, shows that 40 percent of pupils passed.", "40 percent");
    assert_eq!(s, ["The report"]);
}

#[test]
fn surnames_resolve_past_demonyms_and_titles() {
    let text = "Russian President Vladimir Putin met the envoy. Putin said 40 prisoners would be freed.";
    let (_, a) = run(text);
    let f = a.governing(span_of(text, "40 prisoners")).unwrap();
    assert_eq!(f.sources[0].anchor.name, Some("Vladimir Putin"));
}

#[test]
fn a_frame_inside_a_relative_clause_governs_only_that_clause() {
    let text = "The toll, which officials say could rise, stands at 45.";
    assert!(sources(text, "45").0.is_empty());
    let text = "Fighting spread to two towns, where police said 11 people were arrested.";
    assert_eq!(sources(text, "11 people").0, ["police"]);
    let (_, a) = run("Officials have yet to say how many people died.");
    assert!(a.frames.is_empty());
}

#[test]
fn coordinated_subjects_split_at_entity_boundaries() {
    let text = "The United States and Britain said they had frozen $3 billion in assets.";
    assert_eq!(sources(text, "3 billion").0, ["The United States", "Britain"]);
    let text = "The Armed Conflict Location and Event Data Project said 40 clashes were recorded.";
    assert_eq!(sources(text, "40 clashes").0, ["The Armed Conflict Location and Event Data Project"]);
    let (_, a) = run("The government has said little about the 50 detainees.");
    assert!(a.frames.is_empty());
}

#[test]
fn only_real_datelines_are_skipped() {
    let q = quotes("NATO, the alliance, said — after a long meeting — that 300 jets were ready.");
    assert!(q.iter().all(|x| !x.0.starts_with("after")), "{q:?}");
    let q = quotes("PALU, Indonesia, Sept 9 (EPN) - Floods cut 40 roads, officials said.");
    assert_eq!(q[0].0, "Floods cut 40 roads");
}

#[test]
fn relative_speech_adverbs_and_lone_names() {
    let text = "The man, who said he was a teacher, carried 3 bags.";
    assert!(sources(text, "3 bags").0.is_empty());
    let q = quotes("She has said repeatedly that 10 percent is too low.");
    assert_eq!(q[0].0, "10 percent is too low");
    let text = "\"We are tired,\" said Ahmed. He added that 200 families were waiting.";
    let (_, a) = run(text);
    let f = a.governing(span_of(text, "200 families")).unwrap();
    assert_eq!(f.sources[0].anchor.name, Some("Ahmed"));
}

/// The speaker name of the quote holding `needle`.
fn speaker_of(text: &str, needle: &str) -> Option<String> {
    let at = span_of(text, needle);
    quotes(text)
        .into_iter()
        .find(|q| text.find(q.0.as_str()).is_some_and(|s| s <= at.start) && q.0.contains(needle))
        .and_then(|q| q.2)
}

#[test]
fn pronouns_skip_names_inside_quotation_marks() {
    let text = "Harbour master Helen Dorsey spoke after the storm. \
        \"Captain Oskar Lindqvist did everything he could for the crew,\" she said.";
    assert_eq!(speaker_of(text, "did everything").as_deref(), Some("Helen Dorsey"));
}

#[test]
fn pronouns_agree_in_gender() {
    let text = "Mayor Thomas Berg thanked Sarah Okafor and Paul Dent at the shelter. \
        \"We had beds for everyone by midnight,\" she said.";
    assert_eq!(speaker_of(text, "beds for everyone").as_deref(), Some("Sarah Okafor"));
    let text = "Teacher Rachel Moss introduced principal Victor Hale to Anna Prentiss. \
        \"The new wing opens in spring,\" he said.";
    assert_eq!(speaker_of(text, "new wing").as_deref(), Some("Victor Hale"));
}

#[test]
fn pronouns_prefer_the_subject_of_the_nearest_sentence() {
    let text = "Coach Brian Pettigrew praised goalkeeper Martin Okonjo after the match. \
        \"We defended as a unit for ninety minutes,\" he said.";
    assert_eq!(speaker_of(text, "defended as a unit").as_deref(), Some("Brian Pettigrew"));
}

#[test]
fn a_lone_surname_is_no_first_name() {
    // "Omar" is a first name elsewhere; alone it is a surname and says nothing of gender.
    let text = "Senator Hana Omar wrote to the board in May. Omar asked for a review. \
        \"The rules must apply to every member,\" she said.";
    assert_eq!(speaker_of(text, "rules must apply").as_deref(), Some("Hana Omar"));
}

#[test]
fn told_with_an_object_pronoun_closes_the_quote() {
    let text = "\"The bridge will reopen in June,\" engineer Paul Whitcombe told us.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].0.as_str(), q[0].2.as_deref()), ("The bridge will reopen in June,", Some("Paul Whitcombe")));
}

#[test]
fn told_addressee_before_that_is_no_content() {
    let text = "Farmer Joe Brandt told the county paper that the frost ruined half his orchard.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "the frost ruined half his orchard");
    let text = "\"We will rebuild,\" the owner told the Valley Courier Monday afternoon.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("the owner"));
}

#[test]
fn a_frame_after_closing_marks_closes_the_quote_whatever_follows() {
    let text = "\"Turnout was the best in a decade,\" the mayor posted soon after the polls closed.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].0.as_str(), q[0].1.as_deref()), ("Turnout was the best in a decade,", Some("the mayor")));
    // A quote that ends its own sentence: the short frame after it still closes it.
    let text = "\"Vote early and bring a neighbour!\" the mayor posted before the election.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("the mayor"));
}

#[test]
fn more_speech_verbs_close_quotes_and_open_that_clauses() {
    let text = "\"We slept in the gym for a week,\" Maria Delgado recalled in an interview.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].2.as_deref(), Some("Maria Delgado"));
    let text = "The union has long argued that the night shift is understaffed.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].0.as_str(), q[0].1.as_deref()), ("the night shift is understaffed", Some("The union")));
}

#[test]
fn writing_and_recalling_things_is_no_speech() {
    // Such verbs report speech only before "that", a colon or quotation marks.
    for text in [
        "The novelist wrote three books about the river towns.",
        "Years later he recalled the flood with a shudder.",
        "The architect posted photos of the new library.",
    ] {
        assert_eq!(quotes(text), vec![], "{text}");
    }
}

#[test]
fn no_end_frame_without_a_closing_comma_or_after_an_object() {
    // "and X replied with ..." closes nothing; "..., asked them about" names no speaker.
    let text = "Fans shouted questions at the panel and the director replied with a joke.";
    assert_eq!(quotes(text), vec![], "{text}");
    let text = "The committee chair, a former judge, asked them about the missing files.";
    let q = quotes(text);
    assert!(q.iter().all(|q| q.1.as_deref() != Some("them about the missing files")), "{q:?}");
    // "what X said" is a clause about a statement.
    let text = "The bill is smaller than what the mayor said, but it still worries residents.";
    assert_eq!(quotes(text), vec![], "{text}");
}

#[test]
fn titles_and_short_phrases_in_marks_inside_a_sentence_are_no_quotes() {
    let text = "\"We are ready for the season,\" the coach said. \
        The band then played \"Harbour Lights Forever\" as the crowd cheered. \
        Critics had called the stadium a \"concrete mistake\" for years.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "We are ready for the season,");
}

#[test]
fn a_quote_running_over_paragraphs_is_one_speakers() {
    let text = "Harbour master Ines Calloway said: \"The storm moved faster than any model predicted.\n\n\
        \"We closed the port two hours early and nobody was hurt.\"\n\nThe port reopened on Friday.";
    let q = quotes(text);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        (q[0].0.as_str(), q[0].2.as_deref(), q[0].3),
        ("The storm moved faster than any model predicted", Some("Ines Calloway"), true)
    );
    assert_eq!(q[1].2.as_deref(), Some("Ines Calloway"));
}

#[test]
fn as_x_noted_opens_what_x_said() {
    let text = "As the port authority noted last week, 40 ships were waiting at anchor.";
    let (s, cue, _) = sources(text, "40 ships");
    assert_eq!((s, cue.as_str()), (vec!["the port authority".to_string()], "noted"));
    // Inside a clause "as X promised" reports nothing.
    let text = "The council did not, as it promised, repair the old bridge.";
    assert_eq!(quotes(text), vec![], "{text}");
}

#[test]
fn added_with_an_object_is_no_speech() {
    let text = "Midfielder Tom Alvarez added two goals and the hosts won 3-1.";
    assert_eq!(quotes(text), vec![], "{text}");
    let text = "\"We never gave up,\" Alvarez added.";
    assert_eq!(quotes(text).len(), 1);
}

#[test]
fn a_head_that_never_speaks_is_no_source() {
    let text = "The old recipe called for two pounds of butter.";
    assert_eq!(quotes(text), vec![], "{text}");
}

#[test]
fn a_channel_after_via_and_no_channel_in_a_kind_of_audience() {
    let q = quotes("\"We lost our shape,\" Pereira said, via Harbour Daily News.");
    assert_eq!((q.len(), q[0].4.as_deref()), (1, Some("Harbour Daily News")), "{q:?}");
    // "told US media": a kind of audience, not a channel ("US" is no "us").
    let q = quotes("General Anna Brekke told US media on Monday that the drills would go on.");
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!((q[0].0.as_str(), q[0].4.as_deref()), ("the drills would go on", None));
}

#[test]
fn a_name_in_apposition_after_a_relative_clause_speaks() {
    let text = "The firm that runs the Lakeside Games, Orvell Events, denies that tickets were oversold.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("Orvell Events"));
}

#[test]
fn an_adverbial_before_a_frame_is_not_what_was_said() {
    // "In 1998, X recalled, ...": what was said follows the frame.
    let text = "In 1998, Vera Lindqvist recalled, she opened the bakery with two ovens.";
    let q = quotes(text);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "she opened the bakery with two ovens");
    let text = "After that, Lindqvist wrote, and wrote, and wrote.";
    assert_eq!(quotes(text), vec![], "{text}");
    // A clause before the frame is content.
    let text = "This is also lifting prices, Lindqvist said.";
    assert_eq!(quotes(text).len(), 1);
}

/// The speaker text of the quote holding `needle`.
fn speaker_text_of(text: &str, needle: &str) -> Option<String> {
    quotes(text).into_iter().find(|q| q.0.contains(needle)).and_then(|q| q.1)
}

#[test]
fn an_adjunct_may_close_an_inverted_speaker() {
    let text = "The ferry will run again after the repairs, said the Harbour Authority on Thursday.";
    assert_eq!(speaker_text_of(text, "ferry will run").as_deref(), Some("the Harbour Authority"));
    let text = "The plant will close in June, said the firm's new chief Laura Penhallow in a letter to staff.";
    assert_eq!(speaker_of(text, "plant will close").as_deref(), Some("Laura Penhallow"));
    let text =
        "\u{201c}We are looking into the matter,\u{201d} said a bakery spokesperson when contacted by reporters.";
    assert_eq!(speaker_text_of(text, "looking into").as_deref(), Some("a bakery spokesperson"));
    // A pronoun after the cue opens a clause: no inverted speaker.
    let text = "Ilse Varga, who advises the tenants, said he's pleased to see the council act.";
    assert_eq!(speaker_of(text, "pleased to see").as_deref(), Some("Ilse Varga"));
}

#[test]
fn said_to_an_audience_is_still_speech() {
    let text = "\u{201c}We will not stop now,\u{201d} Dorian Velk said to cheers from the crowd. \
        \u{201c}This is our moment.\u{201d}";
    assert_eq!(speaker_of(text, "not stop now").as_deref(), Some("Dorian Velk"));
    assert_eq!(speaker_of(text, "our moment").as_deref(), Some("Dorian Velk"));
    // "said to be" stays no frame.
    assert!(quotes("The bridge, said to be the oldest in the valley, was closed.").is_empty());
}

#[test]
fn informants_familiar_with_a_matter_speak() {
    let text = "The talks may widen into a broader pact, people familiar with the negotiations say.";
    assert_eq!(speaker_text_of(text, "talks may widen").as_deref(), Some("people familiar with the negotiations"));
    // ", adding to ..." is no speech.
    let text = "The mill shut on Monday, adding to the strain on the town, according to people familiar with the plan.";
    assert!(quotes(text).iter().all(|q| !q.0.contains("strain")));
}

#[test]
fn a_lone_quote_after_reported_speech_is_that_speakers() {
    let text = "Tomas Berrow said the vote was a mistake. \u{201c}We were never asked what we wanted.\u{201d}";
    assert_eq!(speaker_of(text, "never asked").as_deref(), Some("Tomas Berrow"));
    // A quote with more of its sentence after it waits for its own frame.
    let text = "A report said the lake was shrinking. \u{201c}The water is gone,\u{201d} a long-time fisherman \
        on the northern shore near the old pier, Arvid Holm, said.";
    assert_ne!(speaker_text_of(text, "water is gone").as_deref(), Some("A report"));
}

#[test]
fn negated_telling_and_capital_us_are_no_speech() {
    // "can't tell" reports nothing.
    assert!(quotes("You can\u{2019}t tell which of the two bridges is older.").is_empty());
    assert!(quotes("You can't tell which of the two bridges is older.").is_empty());
    // "US" is the country: the unmarked content is not first-person speech.
    let q = quotes("The US will send grain to the port next week, officials said.");
    assert_eq!(q.len(), 1);
    assert!(!q[0].3);
}

#[test]
fn a_plural_role_after_told_is_the_addressee() {
    let q = quotes("The farmer told doctors he ate the meat at a market last week.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "he ate the meat at a market last week");
}

#[test]
fn a_cue_word_after_a_preposition_or_possessive_is_no_verb() {
    assert!(quotes("Police questioned the two men over alleged thefts from the depot.").is_empty());
    let text = "The label has denied Varga\u{2019}s claims, saying they were \u{201c}shocking and false.\u{201d}";
    assert_eq!(speaker_text_of(text, "shocking").as_deref(), Some("The label"));
}

#[test]
fn a_word_or_two_in_quotation_marks_stays_inside_reported_speech() {
    let text = "The ombudsman said the shots came from the roof and called on the \u{201c}interim\u{201d} council to step aside.";
    let q = quotes(text);
    assert_eq!(q.len(), 1);
    assert!(q[0].0.starts_with("the shots came from the roof"));
    assert!(!q[0].3);
    // Longer quoted words remain a quote of their own.
    let text = "The ombudsman said the council \u{201c}must step aside before the winter sets in\u{201d}.";
    assert_eq!(quotes(text)[0].0, "must step aside before the winter sets in");
}

#[test]
fn a_subject_pronoun_after_an_inverting_cue_opens_a_clause() {
    let text = "Jonas Pell, owner of a bakery in the valley, said he thought the tax was meant to hurt.";
    assert_eq!(speaker_of(text, "tax was meant").as_deref(), Some("Jonas Pell"));
    // '"...," said he.' still closes the quote.
    let text = "Tomas Berrow spoke last. \u{201c}We won the case,\u{201d} said he.";
    assert_eq!(speaker_text_of(text, "won the case").as_deref(), Some("he"));
}

#[test]
fn a_name_before_two_descriptions_is_the_speaker() {
    let text = "Mira Lund, head of Acme Works, a design firm in the valley, said the plant would reopen.";
    assert_eq!(speaker_of(text, "plant would reopen").as_deref(), Some("Mira Lund"));
    // "On Monday, the Daily Ledger, a city paper, warned ...": no name from the adverbial.
    let text = "On Monday, the Daily Ledger, a city paper, warned that the bridge was unsafe.";
    assert_ne!(speaker_text_of(text, "bridge was unsafe").as_deref(), Some("On Monday"));
}

#[test]
fn shouting_reports_speech() {
    let text = "\u{201c}Open the door! We are coming in!\u{201d} an officer shouts.";
    assert_eq!(speaker_text_of(text, "Open the door").as_deref(), Some("an officer"));
}
