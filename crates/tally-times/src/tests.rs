use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// (text, start, end) of every expression, dates as ISO strings ("-" when unresolved).
fn run(text: &str, published: Option<NaiveDate>) -> Vec<(String, String, String)> {
    let an = Analysis::new(text);
    let show = |x: Option<NaiveDate>| x.map_or("-".to_string(), |d| d.to_string());
    find(&an, published)
        .into_iter()
        .map(|t| (an.text(t.span).to_string(), show(t.interval.start), show(t.interval.end)))
        .collect()
}

fn one(text: &str, published: NaiveDate) -> (String, String, String) {
    let all = run(text, Some(published));
    assert_eq!(all.len(), 1, "{text:?} -> {all:?}");
    all.into_iter().next().unwrap_or_default()
}

fn check(text: &str, published: NaiveDate, want: &str, start: &str, end: &str) {
    assert_eq!(one(text, published), (want.to_string(), start.to_string(), end.to_string()), "{text:?}");
}

// A Saturday.
const SAT: (i32, u32, u32) = (2025, 8, 30);
fn sat() -> NaiveDate {
    d(SAT.0, SAT.1, SAT.2)
}

#[test]
fn absolute_dates_in_news_styles() {
    let p = sat();
    check("The deal was signed on Aug. 30, 2025, in Geneva.", p, "on Aug. 30, 2025", "2025-08-30", "2025-08-30");
    check("Talks resumed on 3 February 2023 in Doha.", p, "on 3 February 2023", "2023-02-03", "2023-02-03");
    check("The vote took place on 2024-11-05 nationwide.", p, "on 2024-11-05", "2024-11-05", "2024-11-05");
    check("Filed on 25/12/2023 at the court.", p, "on 25/12/2023", "2023-12-25", "2023-12-25");
    check("The rebels entered the city on Jan. 5 after a siege.", p, "on Jan. 5", "2025-01-05", "2025-01-05");
    check("The ceasefire collapsed on September 14.", p, "on September 14", "2024-09-14", "2024-09-14");
    check("It happened on the 4th of July.", p, "the 4th of July", "2025-07-04", "2025-07-04");
    check("Prices jumped in March 2024, officials said.", p, "in March 2024", "2024-03-01", "2024-03-31");
    check("The mission began in 2014 and grew.", p, "in 2014", "2014-01-01", "2014-12-31");
    check("Both sides cited the 2018 border accord.", p, "2018", "2018-01-01", "2018-12-31");
    check("Inflation peaked in the 1970s.", p, "1970s", "1970-01-01", "1979-12-31");
}

#[test]
fn ambiguous_slash_dates_are_left_alone() {
    assert!(run("The form dated 03/04/2024 was lost.", Some(sat()))
        .iter()
        .all(|t| t.0 == "2024" || t.0.is_empty() || !t.0.contains('/')));
}

#[test]
fn months_resolve_to_the_latest_past_unless_future() {
    let p = d(2025, 1, 23);
    check("Abductions have been reported since June across the country.", p, "since June", "2024-06-01", "2025-01-23");
    check("The unrest peaked in June, rights groups said.", p, "in June", "2024-06-01", "2024-06-30");
    check("The board is expected to approve the loan in June.", d(2025, 4, 16), "in June", "2025-06-01", "2025-06-30");
    check("According to a March report from the ministry, it fell.", sat(), "March", "2025-03-01", "2025-03-31");
    check("Exports fell sharply last October, the data showed.", sat(), "last October", "2024-10-01", "2024-10-31");
    check(
        "Floods in the province in June last year displaced many.",
        sat(),
        "in June last year",
        "2024-06-01",
        "2024-06-30",
    );
    check(
        "Aid has been cut since last October, the agency said.",
        d(2025, 6, 4),
        "since last October",
        "2024-10-01",
        "2025-06-04",
    );
}

#[test]
fn may_needs_a_preposition() {
    let r = run("Officials May Be Wrong, a headline read. May we go?", Some(sat()));
    assert!(r.is_empty(), "{r:?}");
    check("The siege has lasted since May, residents said.", sat(), "since May", "2025-05-01", "2025-08-30");
    assert!(run("Theresa May spoke, and April Ryan asked.", Some(sat())).is_empty());
}

#[test]
fn weekdays_by_tense() {
    let p = sat();
    check("The agency said on Saturday that the talks failed.", p, "Saturday", "2025-08-30", "2025-08-30");
    check("Fighting flared on Sunday night near the border.", p, "Sunday night", "2025-08-24", "2025-08-24");
    check("According to Friday's statement, two died.", p, "Friday", "2025-08-29", "2025-08-29");
    check("The president will visit the region on Thursday.", p, "Thursday", "2025-09-04", "2025-09-04");
    check("A march is planned for Monday in the capital.", p, "Monday", "2025-09-01", "2025-09-01");
    check(
        "The minister, who is scheduled to arrive in the capital on Tuesday, met envoys.",
        p,
        "Tuesday",
        "2025-09-02",
        "2025-09-02",
    );
    check("Rain is expected to ease by Wednesday.", p, "Wednesday", "2025-09-03", "2025-09-03");
    check("The ministry said on Monday it would release more funds.", p, "Monday", "2025-08-25", "2025-08-25");
    check("Talks broke down last Friday in Cairo.", p, "last Friday", "2025-08-29", "2025-08-29");
    check("The envoy returns next Tuesday.", p, "next Tuesday", "2025-09-02", "2025-09-02");
    check("The quake hit at 2:14 a.m. on Sunday.", p, "Sunday", "2025-08-24", "2025-08-24");
}

#[test]
fn relative_days_weeks_months_years() {
    let p = sat();
    check("Officials met yesterday in the capital.", p, "yesterday", "2025-08-29", "2025-08-29");
    check("Two days ago, a bus fell into the river.", p, "Two days ago", "2025-08-28", "2025-08-28");
    check("The ceremony last week drew thousands.", p, "last week", "2025-08-18", "2025-08-24");
    check("It follows last week's parade.", p, "last week", "2025-08-18", "2025-08-24");
    check("More rain is forecast this week in the hills.", p, "this week", "2025-08-25", "2025-08-31");
    check("The exercise begins next week.", p, "next week", "2025-09-01", "2025-09-07");
    check("Prices rose two weeks ago.", p, "two weeks ago", "2025-08-11", "2025-08-17");
    check("Stocks run out next month.", p, "next month", "2025-09-01", "2025-09-30");
    check("Protests erupted last month over the vote.", p, "last month", "2025-07-01", "2025-07-31");
    check("Aid was cut earlier this year.", p, "earlier this year", "2025-01-01", "2025-08-30");
    check("Earlier this month, floods hit the south.", p, "Earlier this month", "2025-08-01", "2025-08-30");
    check("Output fell earlier this week.", p, "earlier this week", "2025-08-25", "2025-08-30");
    check("The party lost ground late last year.", p, "late last year", "2024-09-01", "2024-12-31");
    check("Last year's protests left many dead.", p, "Last year", "2024-01-01", "2024-12-31");
    check("Strikes continued in the past 24 hours.", p, "the past 24 hours", "2025-08-29", "2025-08-30");
    check("Tomorrow the court rules.", p, "Tomorrow", "2025-08-31", "2025-08-31");
}

#[test]
fn since_runs_to_publication() {
    let p = sat();
    check("At least 500 died since February 2022, it said.", p, "since February 2022", "2022-02-01", "2025-08-30");
    check("Prices are up since 2021.", p, "since 2021", "2021-01-01", "2025-08-30");
    check("Thousands fled since the start of the year.", p, "since the start of the year", "2025-01-01", "2025-08-30");
    check("Dozens were held since Wednesday.", p, "since Wednesday", "2025-08-27", "2025-08-30");
    let an = Analysis::new("Killed since February 2022.");
    let t = find(&an, None);
    assert_eq!(t[0].interval.start, Some(d(2022, 2, 1)));
    assert_eq!(t[0].interval.end, None);
}

#[test]
fn parts_of_years() {
    let p = d(2025, 7, 10);
    check("Deaths rose in the first half of this year.", p, "the first half of this year", "2025-01-01", "2025-06-30");
    check(
        "Output met the plan for the first half of the year.",
        p,
        "the first half of the year",
        "2025-01-01",
        "2025-06-30",
    );
    check("Growth slowed in the second quarter.", p, "the second quarter", "2025-04-01", "2025-06-30");
    check("Deportations rose in the first week of July.", p, "the first week of July", "2025-07-01", "2025-07-07");
    check("Fighting eased last summer.", p, "last summer", "2024-06-01", "2024-08-31");
    check("Coups followed in 2020-21 across the region.", p, "in 2020-21", "2020-01-01", "2021-12-31");
}

#[test]
fn anchored_to_a_nearby_day() {
    let p = d(2025, 9, 9);
    let all = run("The toll rose to 214 on Tuesday, up from 158 a day earlier.", Some(p));
    assert_eq!(all[1], ("a day earlier".to_string(), "2025-09-08".to_string(), "2025-09-08".to_string()));
    let all = run("The toll rose to 214 on Sunday, up from 158 a day earlier.", Some(p));
    assert_eq!(all[1].1, "2025-09-06");
}

#[test]
fn not_times() {
    let p = sat();
    for s in [
        "They fought for three days and a 25-minute film was shown.",
        "The 48-month loan was approved.",
        "About 2000 homes and 1,500 people were hit.",
        "Resolution 2024 passed; it was 2,024 troops.",
        "The blast came at 11 p.m. local time.",
        "A man aged 34 said he was the second to arrive.",
        "Protests may continue, and a march was held.",
        "The rainy season begins soon.",
        "The RTX 2060 card scored well.",
        "Police stopped a car at 1909 Maple Drive.",
        "It happened a few years ago.",
    ] {
        assert!(run(s, Some(p)).is_empty(), "{s:?} -> {:?}", run(s, Some(p)));
    }
}

#[test]
fn unresolved_without_publication_date() {
    let all = run("On Friday, in April, and on Aug. 3, 2024 and in 2019.", None);
    let ends: Vec<&str> = all.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(ends, ["-", "-", "2024-08-03", "2019-01-01"]);
}

#[test]
fn each_expression_once() {
    let all = run("Kim said on Friday, Aug. 29, that in June last year and since last October it grew.", Some(sat()));
    let texts: Vec<&str> = all.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(texts, ["on Friday, Aug. 29", "in June last year", "since last October"]);
}

#[test]
fn datelines() {
    let an = Analysis::new("By A Writer\n\nKYIV, March 3 (Harbor Wire) - Drones struck overnight.");
    assert_eq!(dateline(&an, Some(2025)), Some(d(2025, 3, 3)));
    assert_eq!(dateline(&an, None), None);
    let an = Analysis::new("SEOUL, Aug 30, 2025 (Reuters) - Text.");
    assert_eq!(dateline(&an, None), Some(d(2025, 8, 30)));
    let an = Analysis::new("PALU, Indonesia, Sept 9 (EPN) - Text.");
    assert_eq!(dateline(&an, Some(2025)), Some(d(2025, 9, 9)));
    let an = Analysis::new("BEIJING, June 30 — Text.");
    assert_eq!(dateline(&an, Some(2025)), Some(d(2025, 6, 30)));
    let an = Analysis::new("The talks, March 3 - a date.");
    assert_eq!(dateline(&an, Some(2025)), None);
}

#[test]
fn years_in_urls() {
    assert_eq!(year_in_url("https://example.org/world/2025/03/03/kharkiv-strike"), Some(2025));
    assert_eq!(year_in_url("https://example.org/news/story-20251"), None);
    assert_eq!(year_in_url("https://2024.example.org/a"), None);
    assert_eq!(year_in_url("no url"), None);
}

#[test]
fn day_first_by_language() {
    let an = Analysis::new("Filed on 03/04/2024 in London.");
    assert!(find(&an, Some(sat())).is_empty());
    let uk = find_with(&an, Some(sat()), Options::for_lang(Some("en-GB")));
    assert_eq!(uk[0].interval.start, Some(d(2024, 4, 3)));
    assert!(!Options::for_lang(Some("en-US")).day_first);
    assert!(!Options::for_lang(Some("en")).day_first);
    assert!(!Options::for_lang(None).day_first);
}

#[test]
fn vague_and_informal_relatives() {
    let p = sat();
    check("The shop opened a couple of weeks ago.", p, "couple of weeks ago", "2025-08-11", "2025-08-17");
    check("Prices fell earlier in the week.", p, "earlier in the week", "2025-08-25", "2025-08-30");
    check("Fans replayed 1972's concert.", p, "1972", "1972-01-01", "1972-12-31");
    check("The US 2024 election loomed.", p, "2024", "2024-01-01", "2024-12-31");
}

#[test]
fn spans_ahead_decades_centuries_and_neighbours() {
    let p = sat();
    check("Rain is forecast for the next three days.", p, "the next three days", "2025-08-31", "2025-09-02");
    check("Music of the '90s returned.", p, "'90s", "1990-01-01", "1999-12-31");
    check("It was built in the 19th century.", p, "19th century", "1800-01-01", "1899-12-31");
    check("Sales fell a fortnight ago.", p, "a fortnight ago", "2025-08-16", "2025-08-16");
    let all = run("Exports fell last year, down 4% from the previous year.", Some(p));
    assert_eq!(all[1], ("the previous year".to_string(), "2023-01-01".to_string(), "2023-12-31".to_string()));
    let all = run("The strike came on March 3 and talks resumed the following week.", Some(p));
    assert_eq!(all[1], ("the following week".to_string(), "2025-03-10".to_string(), "2025-03-16".to_string()));
    check("He left the day before.", p, "the day before", "2025-08-29", "2025-08-29");
    assert!(run("He left the day before the vote.", Some(p)).is_empty());
}

#[test]
fn weekday_names_in_titles() {
    let p = sat();
    assert!(run("The Sunday Times reported it, citing the Good Friday Agreement.", Some(p)).is_empty());
    assert!(run("Follow @sunday_club for more.", Some(p)).is_empty());
    check("we met on friday at noon.", p, "friday", "2025-08-29", "2025-08-29");
}

#[test]
fn schedules_in_the_present_tense_look_ahead() {
    let p = d(2025, 3, 12);
    check("The trial resumes Thursday.", p, "Thursday", "2025-03-13", "2025-03-13");
    check("A rerun is set for April 6.", p, "April 6", "2025-04-06", "2025-04-06");
    check("The court said the trial resumed on Monday.", p, "Monday", "2025-03-10", "2025-03-10");
}

#[test]
fn passives_and_copulas_of_schedules() {
    let p = d(2025, 6, 4);
    check("The law took effect and will be reviewed in September.", p, "in September", "2025-09-01", "2025-09-30");
    check("The first round is on June 15.", p, "on June 15", "2025-06-15", "2025-06-15");
    check("The summit is to be held on Sunday.", p, "Sunday", "2025-06-08", "2025-06-08");
    check("The law was passed in September.", p, "in September", "2024-09-01", "2024-09-30");
    check("The attack is believed to have happened on Sunday.", p, "Sunday", "2025-06-01", "2025-06-01");
}

#[test]
fn holidays_halves_and_seasons_of_years() {
    let p = sat();
    check("Prices have doubled since Christmas.", p, "since Christmas", "2024-12-25", "2025-08-30");
    check("Fireworks lit the sky on New Year's Eve.", p, "on New Year's Eve", "2024-12-31", "2024-12-31");
    check("Shops reopen after Christmas Eve 2023.", p, "Christmas Eve 2023", "2023-12-24", "2023-12-24");
    check("Profit rose in H1 2025.", p, "H1 2025", "2025-01-01", "2025-06-30");
    check("The 2024/25 budget passed.", p, "2024/25", "2024-01-01", "2025-12-31");
    assert!(run("The H2 hangar and the 24/7 desk.", Some(p)).is_empty());
    check("Workers marched on May Day.", p, "on May Day", "2025-05-01", "2025-05-01");
    assert!(run("Christmas Island and Christmas shopping.", Some(p)).is_empty());
}

#[test]
fn nouns_and_adjectives_that_look_like_tense_cues() {
    let p = d(2025, 6, 4);
    check("The firm shelved its plans for a listing on May 30.", p, "on May 30", "2025-05-30", "2025-05-30");
    check("Crews carried out planned outages in October.", p, "in October", "2024-10-01", "2024-10-31");
    check("The board cancelled a scheduled June 20 vote.", p, "June 20", "2025-06-20", "2025-06-20");
    assert!(run("Shoppers queued for Black Friday deals.", Some(p)).is_empty());
}

#[test]
fn a_year_earlier_than_a_month_and_this_past_weekend() {
    let p = d(2025, 3, 14);
    let all = run("Inflation rose to 3% in February from 2.5% a year earlier.", Some(p));
    assert_eq!(all[1], ("a year earlier".to_string(), "2024-02-01".to_string(), "2024-02-29".to_string()));
    check("Crowds gathered this past weekend.", p, "this past weekend", "2025-03-08", "2025-03-09");
}

#[test]
fn next_and_same_day() {
    let p = sat();
    let all = run("Talks opened on Monday and collapsed the next day.", Some(p));
    assert_eq!(all[1], ("the next day".to_string(), "2025-08-26".to_string(), "2025-08-26".to_string()));
    let all = run("He was arrested on Aug. 3 and charged the same day.", Some(p));
    assert_eq!(all[1].1, "2025-08-03");
}

#[test]
fn deadlines_with_modals() {
    let p = d(2025, 6, 30);
    check("Aid must arrive by Wednesday, the agency said.", p, "Wednesday", "2025-07-02", "2025-07-02");
    check("The convoy should have left on Friday.", p, "Friday", "2025-06-27", "2025-06-27");
}

#[test]
fn year_less_dates_near_publication_by_weekday_distance_and_tense() {
    let p = d(2025, 11, 18);
    // The weekday names the year.
    check("Seats go on sale Friday, Dec. 5 at noon.", p, "Friday, Dec. 5", "2025-12-05", "2025-12-05");
    // No tense cue: the next one when it is much nearer than the last one.
    check("Delegates prepare for the December summit.", p, "December", "2025-12-01", "2025-12-31");
    check("The fair comes to town on December 3.", p, "on December 3", "2025-12-03", "2025-12-03");
    check("Seed prices are lower than the March peak.", p, "March", "2025-03-01", "2025-03-31");
    // A future seen from the past: the last one when it is much nearer.
    check("Officials vowed the bridge would reopen on Oct. 31.", p, "on Oct. 31", "2025-10-31", "2025-10-31");
    check("A levy planned for Oct. 15 was dropped.", p, "Oct. 15", "2025-10-15", "2025-10-15");
    check("The prisoner was due to leave jail in September.", p, "in September", "2025-09-01", "2025-09-30");
    // A plain future still looks ahead, however far.
    check("The band will play Oslo on Sept. 12.", p, "on Sept. 12", "2026-09-12", "2026-09-12");
    // "since" always looks back.
    check(
        "Rents have risen since January, a survey showed.",
        d(2025, 12, 20),
        "since January",
        "2025-01-01",
        "2025-12-20",
    );
}

#[test]
fn byline_dates_date_the_report() {
    let an =
        Analysis::new("Valley Courier\n\nPublished 6:05 AM CST Mar 4, 2024\n\nFARGO – Snow closed roads on Sunday.");
    assert_eq!(dateline(&an, None), Some(d(2024, 3, 4)));
    let an = Analysis::new("BY A WRITER\n\n07 FEB 2023\n\nFerries stopped on Monday.");
    assert_eq!(dateline(&an, None), Some(d(2023, 2, 7)));
    let an = Analysis::new("April 2, 2022 - 10:15 GMT\n\nText.");
    assert_eq!(dateline(&an, None), Some(d(2022, 4, 2)));
    // A sentence that holds a date is no byline.
    let an = Analysis::new("The dam burst on Mar 4, 2024 after rain.\n\nText.");
    assert_eq!(dateline(&an, None), None);
}

#[test]
fn a_relative_day_in_a_name_is_no_time() {
    let p = sat();
    assert!(run("Readers of Harbor Today wrote in. Critics told Valley TODAY so.", Some(p)).is_empty());
    let all = run("Talks ended in Oslo. Today the envoys fly home.\n\nA Heading\n\nToday, more.", Some(p));
    assert_eq!(all.len(), 2);
    let all = run("Talks ended in Oslo. Today the envoys fly home.", Some(p));
    assert_eq!(all, [("Today".to_string(), "2025-08-30".to_string(), "2025-08-30".to_string())]);
}

#[test]
fn last_night_and_this_morning() {
    let p = sat();
    check("Shelling resumed last night near the port.", p, "last night", "2025-08-29", "2025-08-29");
    check("The minister resigned this morning.", p, "this morning", "2025-08-30", "2025-08-30");
    assert!(run("The last morning train was full.", Some(p)).is_empty());
}

#[test]
fn decades_centuries_and_their_parts() {
    let p = sat();
    check("The mill closed in the 1860s.", p, "1860s", "1860-01-01", "1869-12-31");
    check("Plague swept the region in the 1300s.", p, "1300s", "1300-01-01", "1399-12-31");
    check("Trams ran here in the early 1900s.", p, "early 1900s", "1900-01-01", "1933-12-31");
    check("The probe should fly in the mid-2030s.", p, "mid-2030s", "2033-01-01", "2036-12-31");
    check("Rents soared in the late 1990s.", p, "late 1990s", "1996-01-01", "1999-12-31");
    check("The abbey dates from the fourteenth century.", p, "the fourteenth century", "1300-01-01", "1399-12-31");
    check("Posted 03.02.2021 by the council.", p, "03.02.2021", "2021-02-03", "2021-02-03");
}

#[test]
fn model_years_are_no_times() {
    let p = sat();
    assert!(run("The 2021 Toyota and a 2019 MacBook Pro sat beside the 2020 KX300 coupe.", Some(p)).is_empty());
    check("In 2020 Toyota sold fewer cars.", p, "In 2020", "2020-01-01", "2020-12-31");
    check("Fans recall the 2008 Beijing Olympics.", p, "2008", "2008-01-01", "2008-12-31");
}

#[test]
fn first_and_last_months_of_a_year() {
    let p = sat();
    check(
        "Sales rose in the first nine months of the year.",
        p,
        "the first nine months of the year",
        "2025-01-01",
        "2025-09-30",
    );
    check("Data for the last 6 months of 2017 was lost.", p, "the last 6 months of 2017", "2017-07-01", "2017-12-31");
    check(
        "Output fell in the first three quarters of 2024.",
        p,
        "the first three quarters of 2024",
        "2024-01-01",
        "2024-09-30",
    );
}

#[test]
fn fixtures_hopes_and_qualified_years() {
    let p = d(2025, 11, 19);
    check("The two sides play Saturday in Leeds.", p, "Saturday", "2025-11-22", "2025-11-22");
    check("Its title hopes faded after Monday's loss.", p, "Monday", "2025-11-17", "2025-11-17");
    check("No deal is likely until at least 2027.", p, "2027", "2027-01-01", "2027-12-31");
    assert!(run("The hall seats about 2000 and at least 1950 came.", Some(p)).is_empty());
}

#[test]
fn start_and_end_of_weeks_and_months() {
    let p = d(2025, 11, 19);
    check(
        "A deal was struck at the beginning of the week.",
        p,
        "the beginning of the week",
        "2025-11-17",
        "2025-11-18",
    );
    check("Talks resume at the end of next week.", p, "the end of next week", "2025-11-29", "2025-11-30");
    check("Rates were cut at the end of last month.", p, "the end of last month", "2025-10-21", "2025-10-31");
}

#[test]
fn game_quarters_decades_ago_and_quarters_seen_from_the_past() {
    let p = d(2025, 11, 19);
    assert!(run("The hosts scored 21 points in the third quarter.", Some(p)).is_empty());
    check("Profit fell in the third quarter.", p, "the third quarter", "2025-07-01", "2025-09-30");
    check("Without the storm, Q3 sales would have risen.", p, "Q3", "2025-07-01", "2025-09-30");
    check("The dam was built two decades ago.", p, "two decades ago", "2005-01-01", "2005-12-31");
}

#[test]
fn years_before_marks_and_in_brackets() {
    let p = sat();
    check("He served in the Falklands War (1982) as a pilot.", p, "1982", "1982-01-01", "1982-12-31");
    check("What happened in 2009? Nobody knows.", p, "in 2009", "2009-01-01", "2009-12-31");
    check("Four states had done so by 2016—all in the west.", p, "2016", "2016-01-01", "2016-12-31");
    assert!(run("The bill ($2024) and a (2000 km) trip.", Some(p)).is_empty());
}

#[test]
fn the_past_decade() {
    let p = sat();
    check("Rents doubled over the past decade.", p, "the past decade", "2015-08-31", "2025-08-30");
    check("Two coups in the last two decades.", p, "the last two decades", "2005-08-31", "2025-08-30");
}

#[test]
fn adjectives_in_ed_are_no_past_tense() {
    let p = d(2025, 11, 18);
    check("Seats for the expanded show on December 3 sell fast.", p, "on December 3", "2025-12-03", "2025-12-03");
    check("The show expanded on December 3.", p, "on December 3", "2024-12-03", "2024-12-03");
}

#[test]
fn quarters_written_other_ways_and_captions() {
    let p = d(2025, 11, 19);
    check("The firm posted third-quarter profit.", p, "third-quarter", "2025-07-01", "2025-09-30");
    check("Our second quarter results were strong.", p, "second quarter", "2025-04-01", "2025-06-30");
    check("Earnings for the June quarter rose.", p, "June quarter", "2025-04-01", "2025-06-30");
    check("Shares are up 12 percent year-to-date.", p, "year-to-date", "2025-01-01", "2025-11-19");
    assert!(run("She came first in the race.", Some(p)).is_empty());
    check(
        "In this Sunday, Nov. 9, 2025, photo, crowds gather.",
        p,
        "In this Sunday, Nov. 9, 2025",
        "2025-11-09",
        "2025-11-09",
    );
    check("The festival kicks off June 9 in Leeds.", p, "June 9", "2026-06-09", "2026-06-09");
}

#[test]
fn anchors_carry_through_a_paragraph() {
    let p = d(2025, 11, 19);
    let all = run("On Monday, the hosts won. The day before, the visitors lost.\n\nA day earlier, it rained.", Some(p));
    let got: Vec<(&str, &str)> = all.iter().map(|t| (t.0.as_str(), t.1.as_str())).collect();
    assert_eq!(got, [("Monday", "2025-11-17"), ("The day before", "2025-11-16"), ("A day earlier", "2025-11-18")]);
}

#[test]
fn so_far_this_year() {
    let p = sat();
    check("Exports rose 4% so far this year.", p, "so far this year", "2025-01-01", "2025-08-30");
    check("Exports rose 4% this year.", p, "this year", "2025-01-01", "2025-12-31");
}
