use super::*;
use proptest::prelude::*;

fn run(text: &str) -> (Analysis<'_>, Vec<Figure>) {
    let an = Analysis::new(text);
    let ents = tally_entities::find(&an);
    let f = find(&an, &ents);
    (an, f)
}

/// (number as written, low, high, approx, unit, measure)
type Row = (String, Option<f64>, Option<f64>, bool, Option<String>, Measure);

fn figs(text: &str) -> Vec<Row> {
    let (an, f) = run(text);
    f.into_iter()
        .map(|f| (an.text(f.number).to_string(), f.value.low, f.value.high, f.value.approx, f.unit, f.measure))
        .collect()
}

fn one(text: &str) -> Figure {
    let (_, f) = run(text);
    assert_eq!(f.len(), 1, "{text}: {f:?}");
    f.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn numbers(text: &str) -> Vec<String> {
    figs(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn digits_scales_and_currency() {
    let f = figs("The fund will lend $2.5bn, about €40k more than the 1.2 million pounds and 300 million yuan agreed.");
    assert_eq!(f[0].1, Some(2.5e9));
    assert_eq!(f[0].4.as_deref(), Some("dollar"));
    assert_eq!(f[0].5, Measure::Money);
    assert_eq!((f[1].1, f[1].3, f[1].4.as_deref()), (Some(40_000.0), true, Some("euro")));
    assert_eq!((f[2].1, f[2].4.as_deref()), (Some(1_200_000.0), Some("pound")));
    assert_eq!((f[3].1, f[3].4.as_deref()), (Some(3.0e8), Some("yuan")));
    let f = one("Donors pledged 4.5 million Swiss francs for the clinics.");
    assert_eq!(f.unit.as_deref(), Some("franc"));
}

#[test]
fn percentages_are_other() {
    let f = figs("Growth slowed to 1.4 percent while inflation hit 12.5% and unemployment 9 per cent.");
    assert_eq!(f.len(), 3);
    assert!(f.iter().all(|x| x.4.as_deref() == Some("percent") && x.5 == Measure::Other));
    assert_eq!(f[1].1, Some(12.5));
}

#[test]
fn number_words() {
    let f = figs("Two thousand people queued, twenty-five buses waited and a hundred volunteers helped.");
    assert_eq!(f[0].1, Some(2000.0));
    assert_eq!(f[0].4.as_deref(), Some("person"));
    assert_eq!((f[1].1, f[1].4.as_deref()), (Some(25.0), Some("bus")));
    assert_eq!((f[2].1, f[2].4.as_deref()), (Some(100.0), Some("volunteer")));
    let f = one("Rescuers found a dozen survivors.");
    assert_eq!((f.value.low, f.value.high), (Some(12.0), Some(12.0)));
    assert_eq!(one("One hundred and sixty-one families returned.").value.low, Some(161.0));
    let f = one("One hundred and five families returned.");
    assert_eq!(f.value.low, Some(105.0));
}

#[test]
fn vague_quantities() {
    let cases = [
        ("Dozens of families fled.", 24.0, 99.0),
        ("Scores of homes burned.", 40.0, 99.0),
        ("Hundreds of protesters marched.", 200.0, 999.0),
        ("Thousands of residents left.", 2000.0, 9999.0),
        ("Tens of thousands of people fled.", 20_000.0, 99_999.0),
        ("Hundreds of thousands of people fled.", 200_000.0, 999_999.0),
    ];
    for (text, lo, hi) in cases {
        let f = one(text);
        assert_eq!((f.value.low, f.value.high, f.value.approx), (Some(lo), Some(hi), true), "{text}");
    }
    assert_eq!(one("Hundreds of protesters marched.").measure, Measure::Protesters);
}

#[test]
fn ranges_are_one_figure() {
    for (text, lo, hi) in [
        ("Officials said between 10,000–12,000 troops took part.", 10_000.0, 12_000.0),
        ("Officials said 10,000-12,000 troops took part.", 10_000.0, 12_000.0),
        ("Officials said 50-60 gunmen took part.", 50.0, 60.0),
        ("Officials said between 40 and 60 people were hurt.", 40.0, 60.0),
        ("Officials said 2,800 to 3,000 people died.", 2800.0, 3000.0),
        ("Officials said two or three boats sank.", 2.0, 3.0),
        ("The bill is $2-3 billion.", 2.0e9, 3.0e9),
    ] {
        let f = one(text);
        assert_eq!((f.value.low, f.value.high, f.value.approx), (Some(lo), Some(hi), false), "{text}");
    }
    let (an, f) = run("Officials said between 10,000–12,000 troops took part.");
    assert_eq!(an.text(f[0].span), "between 10,000–12,000 troops");
    assert_eq!(an.text(f[0].number), "10,000–12,000");
}

#[test]
fn qualifiers() {
    let low = |t: &str| one(t).value;
    assert_eq!(low("They sent over 3,000 troops."), Value { low: Some(3000.0), high: None, approx: false });
    assert_eq!(low("They held at least a dozen reporters."), Value { low: Some(12.0), high: None, approx: false });
    assert_eq!(low("Up to 50 boats left."), Value { low: None, high: Some(50.0), approx: false });
    assert_eq!(low("As many as 20 people were trapped."), Value { low: None, high: Some(20.0), approx: false });
    assert_eq!(low("Fewer than 10 boats left."), Value { low: None, high: Some(10.0), approx: false });
    assert_eq!(low("An estimated 4,700 soldiers died."), Value { low: Some(4700.0), high: Some(4700.0), approx: true });
    assert_eq!(low("Nearly 9,000 homes burned."), Value { low: Some(9000.0), high: Some(9000.0), approx: true });
    assert_eq!(low("About a dozen boats left."), Value { low: Some(12.0), high: Some(12.0), approx: true });
    assert_eq!(low("Some 300 homes burned."), Value { low: Some(300.0), high: Some(300.0), approx: true });
    assert_eq!(low("They counted 500 boats or more."), Value { low: Some(500.0), high: None, approx: false });
}

#[test]
fn not_figures() {
    let none = [
        "The treaty was signed in 2024 and renewed on Jan. 5.",
        "The blast came at 11 p.m. and again at 2:14 a.m. on March 3.",
        "Sita Rai, 52, a farmer, said a 25-year-old was aged 34 in the photo.",
        "He flew an F-16 and a Su-34 during the Covid-19 crisis, the G7 said.",
        "Resolution 2231 covers the nine-storey block for three days.",
        "The 7.7-magnitude quake, magnitude 6.8 by another count, brought winds of 180 kilometres per hour.",
        "It was the second raid in a 48-month programme.",
        "One of the soldiers was seen at least once.",
        "Call 555 1234567 for details.",
        "Protesters aged 18 to 25 gathered at 10 Downing Street and No. 4 Privet Lane.",
        "The clip is 12 min long.",
        "He led the firm from 2004 – 2014 and again in 2019-20.",
        "The attack was repeated four times, and no one knows why.",
        "They will replace it in two-three years.",
        "Fans of the iPhone 15 recalled World War 2 commemorations.",
    ];
    for t in none {
        assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
    }
}

#[test]
fn measures_from_predicates() {
    let m = |t: &str| one(t).measure;
    assert_eq!(m("The strike killed 19 people."), Measure::Killed);
    assert_eq!(m("Shelling wounded 31 residents."), Measure::Wounded);
    assert_eq!(m("About 4,700 soldiers were reported to have been killed or wounded."), Measure::KilledOrWounded);
    assert_eq!(m("At least 64 people have died."), Measure::Killed);
    assert_eq!(m("Nine are missing."), Measure::Missing);
    assert_eq!(m("Police arrested at least 57 people."), Measure::Arrested);
    assert_eq!(m("At least 30 protesters were still being held."), Measure::Detained);
    assert_eq!(m("Some 46,000 people have been evacuated."), Measure::Evacuated);
    assert_eq!(m("Floods displaced more than 200,000 residents."), Measure::Displaced);
    assert_eq!(m("An estimated 110,000 people fled their homes."), Measure::Displaced);
    assert_eq!(m("More than 1,900 people were injured."), Measure::Injured);
    assert_eq!(m("The rebels took 12 soldiers prisoner."), Measure::Captured);
    assert_eq!(m("They deployed 2,500 fighters."), Measure::Deployed);
    assert_eq!(m("Rescuers pulled 17 bodies from the rubble."), Measure::Killed);
    assert_eq!(m("The storm destroyed nearly 9,000 homes."), Measure::Other);
    assert_eq!(m("Storms left more than 60 people dead."), Measure::Killed);
    assert_eq!(m("Thirteen foreign soldiers serving with a regional force were also killed."), Measure::Killed);
    assert_eq!(m("Those facing hunger number 2 million people in need."), Measure::Affected);
}

#[test]
fn toll_and_number_of() {
    let f = one("The death toll from the quake rose to 214.");
    assert_eq!((f.measure, f.unit.as_deref()), (Measure::Killed, None));
    let f = one("The strikes brought the number of civilians killed this year to 1,250.");
    assert_eq!((f.measure, f.unit.as_deref()), (Measure::Killed, Some("civilian")));
}

#[test]
fn partitives_and_inheritance() {
    let f = figs("The blast wounded 31 residents, four of them children.");
    assert_eq!(f[1].4.as_deref(), Some("child"));
    assert_eq!(f[1].5, Measure::Wounded);
    let f = figs("At least 112 people were injured, dozens of them seriously.");
    assert_eq!((f[1].1, f[1].4.as_deref(), f[1].5), (Some(24.0), None, Measure::Injured));
    let f = figs("The toll reached 214 on Tuesday, up from 158 a day earlier.");
    assert_eq!(f[1].5, Measure::Killed);
    let f = figs("Russia fired 143 drones and four missiles at Ukraine.");
    assert_eq!(f[1].4.as_deref(), Some("missile"));
}

#[test]
fn units_skip_modifiers_and_elided_nouns() {
    let u = |t: &str| one(t).unit;
    assert_eq!(u("They sent 3,000 more personnel."), Some("personnel".into()));
    assert_eq!(u("An estimated 4,700 North Korean soldiers died."), Some("soldier".into()));
    assert_eq!(u("Officials counted 15 aid trucks."), Some("truck".into()));
    assert_eq!(u("Officials counted 12 aircraft."), Some("aircraft".into()));
    assert_eq!(u("Twenty-seven are missing."), None);
    assert_eq!(u("Some 2,000 of them were killed."), None);
    assert_eq!(u("Officials counted 300 houses."), Some("house".into()));
}

#[test]
fn increments() {
    assert!(one("Pyongyang dispatched over 3,000 more personnel.").increment);
    assert!(one("Police said another 11 people were arrested.").increment);
    assert!(one("They need an additional $500 million.").increment);
    let (_, f) = run("Guns shot down 96 of the drones, while another 41 drones were lost to jamming.");
    assert!(!f[1].increment);
    assert!(!one("They sent 500 troops.").increment);
}

#[test]
fn subjects_and_locations() {
    let (an, f) = run("Estimates show North Korea sent between 10,000–12,000 troops to Russia last October.");
    let f = &f[0];
    assert_eq!(f.subject.as_ref().and_then(|s| s.name.as_deref()), Some("North Korea"));
    assert_eq!(f.location.as_ref().and_then(|s| s.name.as_deref()), Some("Russia"));
    assert_eq!((f.measure, f.unit.as_deref()), (Measure::Deployed, Some("troop")));
    let _ = an;
    let f = one("Pyongyang dispatched over 3,000 more personnel to Russia earlier this year.");
    assert_eq!(f.subject.as_ref().and_then(|s| s.name.as_deref()), Some("North Korea"));
    assert_eq!(f.location.as_ref().and_then(|s| s.name.as_deref()), Some("Russia"));
    let f = one("An estimated 4,700 North Korean soldiers were killed or wounded.");
    assert_eq!(f.subject.as_ref().and_then(|s| s.name.as_deref()), Some("North Korea"));
    // A place not in the entity tables is still found after a locative preposition.
    let (an, f) = run("A strike in Kharkiv killed five people.");
    assert_eq!(f[0].location.as_ref().map(|l| an.text(l.span)), Some("Kharkiv"));
    // "the country" points back to the last country named other than the owner.
    let (_, f) = run("Ukraine's air force said Russia had launched 143 drones at the country overnight.");
    assert_eq!(f[0].location.as_ref().and_then(|l| l.name.as_deref()), Some("Ukraine"));
    // The possessor of a share is its place.
    let (an, f) = run("Officials said 90 percent of Gaza's population had fled.");
    assert_eq!(f[0].location.as_ref().map(|l| an.text(l.span)), Some("Gaza"));
    // A pronoun points back to the entity before it.
    let f = one("China said it would give 40 million yuan.");
    assert_eq!(f.subject.as_ref().and_then(|s| s.name.as_deref()), Some("China"));
}

#[test]
fn seed_style_report() {
    let text = "Estimates from the United States, South Korea, and Ukraine show North Korea sent between 10,000–12,000 troops to Russia last October.\nPyongyang dispatched over 3,000 more personnel to Russia earlier this year, according to a March statement from South Korea's military.\nThe number of casualties reported is unclear; however, in April, South Korea’s spy agency claimed an estimated 4,700 North Korean soldiers were reported to have been killed or wounded while fighting alongside Russia against Ukrainian forces.";
    let (an, f) = run(text);
    assert_eq!(f.len(), 3);
    let names = |a: &Option<Anchor>| a.as_ref().and_then(|x| x.name.clone());
    assert_eq!(an.text(f[0].number), "10,000–12,000");
    assert_eq!(names(&f[0].subject).as_deref(), Some("North Korea"));
    assert_eq!(names(&f[0].location).as_deref(), Some("Russia"));
    assert!(!f[0].increment);
    assert_eq!(f[1].value, Value { low: Some(3000.0), high: None, approx: false });
    assert!(f[1].increment);
    assert_eq!((f[1].unit.as_deref(), f[1].measure), (Some("personnel"), Measure::Deployed));
    assert_eq!(names(&f[1].subject).as_deref(), Some("North Korea"));
    assert_eq!(f[2].value, Value { low: Some(4700.0), high: Some(4700.0), approx: true });
    assert_eq!((f[2].unit.as_deref(), f[2].measure), (Some("soldier"), Measure::KilledOrWounded));
    assert_eq!(names(&f[2].subject).as_deref(), Some("North Korea"));
    assert!(matches!(names(&f[2].location).as_deref(), None | Some("Russia") | Some("Ukraine")));
}

#[test]
fn headline_and_plain_counts() {
    assert_eq!(numbers("Quake kills 214 in Sulawesi"), ["214"]);
    assert_eq!(numbers("The first 200 officers landed in the capital."), ["200"]);
}

#[test]
fn later_rules() {
    // Coordinated objects share the verb; an adjective head carries its own measure.
    let f = figs("The storm left 3 dead and 2,500 homeless.");
    assert_eq!((f[0].5, f[1].5), (Measure::Killed, Measure::Displaced));
    let f = figs("The raid killed 12 and wounded 40 others.");
    assert_eq!((f[0].5, f[1].5), (Measure::Killed, Measure::Wounded));
    // Asides between the noun and its predicate.
    assert_eq!(one("Nine people, including a child, were killed.").measure, Measure::Killed);
    assert_eq!(
        figs("Officials said 40 people, or roughly 10 percent of the village, were evacuated.")[0].5,
        Measure::Evacuated
    );
    // Modal and adverb chains.
    assert_eq!(one("A further 250 troops will be sent to the border.").measure, Measure::Deployed);
    assert_eq!(one("Two soldiers were lightly wounded.").measure, Measure::Wounded);
    // Currency codes and South Asian scales.
    let f = one("The state set aside Rs 500 crore for relief.");
    assert_eq!((f.value.low, f.unit.as_deref()), (Some(5.0e9), Some("rupee")));
    // Weapons sent are plain counts; people lost are casualties.
    assert_eq!(one("The allies sent 31 tanks.").measure, Measure::Other);
    assert_eq!(one("The army lost 120 soldiers.").measure, Measure::Casualties);
    // A percentage change to an amount is two figures.
    let f = figs("Net income rose 15% to $415.9 million.");
    assert_eq!((f.len(), f[0].2, f[1].1), (2, Some(15.0), Some(415.9e6)));
    // Vague multiples and inverted copulas.
    let f = one("Several hundred people gathered.");
    assert_eq!((f.value.low, f.value.high, f.value.approx), (Some(200.0), Some(999.0), true));
    let f = one("They found a few dozen shells.");
    assert_eq!((f.value.low, f.value.high), (Some(24.0), Some(99.0)));
    assert_eq!(one("Among the dead were 12 children.").measure, Measure::Killed);
    assert_eq!(one("Officials counted 100+ boats.").value.high, None);
    // Injuries in an armed attack are wounds; in a disaster they stay injuries.
    assert_eq!(one("A drone strike injured 20 people.").measure, Measure::Wounded);
    assert_eq!(one("The quake injured 20 people.").measure, Measure::Injured);
    // Ratios are not counts.
    assert!(figs("Four in five adults agree.").is_empty());
    // An owner the entity tables do not know keeps its text.
    let (an, f) = run("Officials said 200 Kenyan officers landed.");
    assert_eq!(f[0].subject.as_ref().map(|s| an.text(s.span)), Some("Kenyan"));
    assert_eq!(f[0].measure, Measure::Deployed);
    // A currency adjective is not the owner.
    assert!(one("Donors pledged 4 million Swiss francs.").subject.is_none());
    // The giver of money named before a short noun phrase.
    let f = one("China signed a grant of 40 million yuan.");
    assert_eq!(f.subject.as_ref().and_then(|s| s.name.as_deref()), Some("China"));
    // "new" alone is not an increment.
    assert!(!one("The ministry hired 10,000 new teachers.").increment);
}

#[test]
fn singular_heads_after_one() {
    // A singular noun after "one" or "1"; "one" needs a clear measure.
    let f = figs("One courier was killed and 1 engineer was hurt when the crane fell.");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!((f[0].4.as_deref(), f[0].5), (Some("courier"), Measure::Killed));
    assert_eq!((f[1].4.as_deref(), f[1].5), (Some("engineer"), Measure::Injured));
    assert!(figs("One spokesman told us the plan had changed.").is_empty());
    assert_eq!(one("The keeper made 1 save in the match.").unit.as_deref(), Some("save"));
}

#[test]
fn acronym_plurals_are_units() {
    let f = figs("The camp holds 4,000 IDPs and 35 NGOs work there.");
    assert_eq!((f[0].4.as_deref(), f[0].5), (Some("idp"), Measure::Displaced));
    assert_eq!(f[1].4.as_deref(), Some("ngo"));
}

#[test]
fn page_and_sport_furniture() {
    let none = [
        "3. Keep the receipts",
        "She won 6-2, 4-6, 7-6 (4) in the final.",
        "They lost 6-7 (3) in the decider.",
        "The fair runs Sept. 12–14 at the showground.",
        "Jones, 41 – who owns the mill – stayed home.",
        "The new TV streams 8K video and the old one 4K.",
        "GalaxyBook 3 costs less. The kit has a 2. 5mm plug.",
        "Sales were flat for three straight years.",
    ];
    for t in none {
        assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
    }
    // A number restated in brackets is one figure, its noun after the brackets.
    let f = one("The box holds six (6) spare filters.");
    assert_eq!(f.unit.as_deref(), Some("filter"));
}

#[test]
fn later_nouns_and_signs() {
    // "more than" after a number compares; it does not add.
    let f = one("He averages nearly three more than last season.");
    assert!(!f.increment);
    // A currency sign after the amount.
    let f = one("A seat costs 45,000 ₩ at the door.");
    assert_eq!((f.unit.as_deref(), f.measure), (Some("won"), Measure::Money));
    // A partitive with a possessive name.
    assert_eq!(one("Nine of Rivera's passes were cut out.").unit.as_deref(), Some("pass"));
    // A time noun ends the phrase.
    assert_eq!(one("She dropped two plates moments later.").unit.as_deref(), Some("plate"));
    // "serving" deploys only a force.
    assert_eq!(one("The app has over 50 clients serving ads.").measure, Measure::Other);
}

#[test]
fn prepositions_totals_and_measurements() {
    // A count inside a place phrase is not the subject of the predicate after it.
    let f = figs("Twelve marchers in 4 towns were detained overnight.");
    assert_eq!((f[0].5, f[1].5), (Measure::Detained, Measure::Other));
    // "a total of" belongs to the figure; the verb before it still gives the measure.
    let (an, f) = run("The flood killed a total of 57 people.");
    assert_eq!((an.text(f[0].span), f[0].measure), ("a total of 57 people", Measure::Killed));
    assert_eq!(f[0].value, Value { low: Some(57.0), high: Some(57.0), approx: false });
    // Things needed are not people affected.
    assert_eq!(one("Here are three things you need to pack.").measure, Measure::Other);
    assert_eq!(one("The outbreak affected nearly 40 tenants.").measure, Measure::Affected);
    // References in brackets, identifiers glued to a bracket, power and energy.
    for t in [
        "Sleep helps (14, 15) and so does diet (3).",
        "Save in a 529(c) plan.",
        "The engine makes 300 horsepower and 250 kW.",
    ] {
        assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
    }
    assert_eq!(one("She ate 300 calories.").unit.as_deref(), Some("calorie"));
}

#[test]
fn acronyms_and_coordinated_modifiers() {
    // "US" in capitals is no pronoun; an abbreviation's full stop stays inside the phrase.
    assert_eq!(one("About 4,000 US sailors left port.").unit.as_deref(), Some("sailor"));
    assert_eq!(one("Nearly 90 U.S. naval officers met.").unit.as_deref(), Some("officer"));
    // "X and Y heads": both words modify the head.
    assert_eq!(one("The yard stacked 300 steel and glass panels.").unit.as_deref(), Some("panel"));
    // An em dash glued to a number is punctuation, not part of a name.
    assert_eq!(numbers("Floods hit the valley again\u{2014}40 homes were lost."), ["40"]);
    // Phone numbers called, noise levels.
    assert!(figs("A neighbour called 999 at once.").is_empty());
    assert!(figs("The fan peaked at 44 dBA.").is_empty());
}

#[test]
fn staying_forces_hospital_and_custody() {
    assert_eq!(one("Some 900 Dutch marines remain in the region.").measure, Measure::Deployed);
    assert_eq!(one("Eleven hikers remained in hospital on Sunday.").measure, Measure::Injured);
    assert_eq!(one("Three brothers remain in custody.").measure, Measure::Detained);
}

#[test]
fn ratings_and_headline_lines() {
    // A fraction with nothing counted is a rating or a level, not a count.
    assert!(figs("The critic gave it an 8.5 and the index closed at 1,204.37.").is_empty());
    assert_eq!(one("He averaged 7.5 rebounds.").unit.as_deref(), Some("rebound"));
    // A number opening a title-case line with no full stop is a headline or a link.
    assert!(figs("12 Curious Facts About Desert Frogs").is_empty());
    assert_eq!(numbers("12 frogs were found in the desert."), ["12"]);
}

#[test]
fn capitalised_plural_heads() {
    assert_eq!(one("Only 12 Democrats voted for it.").unit.as_deref(), Some("democrat"));
    // A name that goes on after the plural is not a head.
    assert!(one("About 30 Rangers Club members came.").unit.as_deref() != Some("ranger"));
}

#[test]
fn street_numbers_are_addresses() {
    assert!(figs("Deputies searched a shed behind 4410 Maple Place on Friday.").is_empty());
    assert!(figs("The truck was found at 812 N. Mill Road later.").is_empty());
    assert!(figs("She moved to 15 Orchard Drive last spring.").is_empty());
}

#[test]
fn ages_after_a_suffix_or_a_common_noun() {
    assert!(figs("The owner, Mark Lee Jr., 61, was at home.").is_empty());
    assert!(figs("The former singer, 38, was not hurt.").is_empty());
    assert!(figs("Deputies arrested Ann Ray 31, of Dover, on Monday.").is_empty());
    // A count that a noun follows is still a count.
    assert_eq!(numbers("In the end, 38 boats sank."), vec!["38"]);
}

#[test]
fn model_numbers_after_a_determiner() {
    assert!(figs("The 330 program was cut.").is_empty());
    assert!(figs("Its ageing 320 Neo jet was grounded.").is_empty());
    assert!(figs("She swam the 400 yard relay.").is_empty());
    // A ranked list still counts.
    assert_eq!(numbers("Here are the 10 best hikes."), vec!["10"]);
    assert_eq!(numbers("The 12 miners were rescued."), vec!["12"]);
}

#[test]
fn counters_and_emergency_numbers() {
    assert!(figs("Slide 3 of 9").is_empty());
    assert!(figs("Photo 4").is_empty());
    assert!(figs("Reporters said so.\n7\n7\n7\nThe end.").is_empty());
    assert!(figs("Neighbours made 911 calls at dawn.").is_empty());
    assert!(figs("A 911 dispatcher answered.").is_empty());
}

#[test]
fn part_of_a_counted_whole_takes_its_unit() {
    let f = figs("Floods reached 12 of the 40 villages.");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!((f[0].1, f[0].4.as_deref()), (Some(12.0), Some("village")));
    assert_eq!((f[1].1, f[1].4.as_deref()), (Some(40.0), Some("village")));
}

#[test]
fn zero_without_a_count_is_no_figure() {
    assert!(figs("Doctors tried to zero in on the cause.").is_empty());
    assert!(figs("There should be zero tolerance for it.").is_empty());
    assert_eq!(numbers("Zero patients were turned away."), vec!["Zero"]);
}

#[test]
fn citation_pages_and_marks() {
    assert!(figs("Lee K. J Hosp Med. 2011; 14: 312-318.").is_empty());
    assert!(figs("The method was described before [3].").is_empty());
}

#[test]
fn measure_from_the_noun_before_of() {
    let f = one("Critics cited the deaths of at least five migrants in custody.");
    assert_eq!((f.value.low, f.measure), (Some(5.0), Measure::Killed));
    let f = one("Crowds protested the arrest of 40 students on Monday.");
    assert_eq!(f.measure, Measure::Arrested);
}

#[test]
fn a_verb_with_a_count_after_it_is_not_the_first_counts() {
    let f = figs("A room built for 20 held 90 prisoners.");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].5, Measure::Other);
}

#[test]
fn continental_thousands() {
    let f = one("The hall holds 2.400 chairs and a stage.");
    assert_eq!(f.value.low, Some(2400.0));
    let f = one("Growth was 2.400 percent.");
    assert_eq!(f.value.low, Some(2.4));
}

#[test]
fn readings_on_a_scale() {
    assert!(figs("Sensors gave readings of 640 on Monday.").is_empty());
    assert!(figs("The smog index reached 512 at noon.").is_empty());
    assert_eq!(numbers("The index lost 30 members."), vec!["30"]);
}

#[test]
fn list_names_and_multipliers() {
    assert!(figs("She made the 30 Under 30 list in March.").is_empty());
    assert!(figs("He is a three time winner of the race.").is_empty());
    assert_eq!(numbers("Staff under 30 got 5 bonuses."), vec!["30", "5"]);
}

#[test]
fn year_spans_and_model_numbers_after_counts() {
    assert!(figs("The fraud ran from at least 1998 to 2004.").is_empty());
    assert_eq!(numbers("The carrier bought three 320 jets."), vec!["three"]);
    assert_eq!(numbers("At least 2004 people joined."), vec!["2004"]);
}

proptest! {
    #[test]
    fn never_panics_and_spans_hold(s in "\\PC{0,200}") {
        let (an, f) = run(&s);
        for x in f {
            prop_assert!(s.is_char_boundary(x.span.start) && s.is_char_boundary(x.span.end));
            prop_assert!(x.span.start <= x.span.end && x.span.end <= s.len());
            prop_assert!(x.span.contains(x.number));
            prop_assert!(!x.number.is_empty());
            let _ = an.text(x.span);
        }
    }

    #[test]
    fn numberish_text_never_panics(s in "([0-9]{1,6}([,.][0-9]{1,3})?|\\$|%|-|–|to|and|or|between|more than|about|a|dozen|dozens|of|hundred|million|bn|k|people|troops|were|killed|twenty-five|two-three|half|one|of|them|another|more| ){0,30}") {
        let (_, f) = run(&s);
        for x in f {
            prop_assert!(s.is_char_boundary(x.span.start) && s.is_char_boundary(x.span.end));
            prop_assert!(!x.number.is_empty() && x.span.contains(x.number));
        }
    }
}
