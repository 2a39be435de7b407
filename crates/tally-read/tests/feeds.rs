//! Feed items as documents: RSS 2.0, Atom and JSON Feed, with and without full content. The
//! fixtures are small feeds written for this test.

use tally_read::{read_bytes, read_path, sniff, Document, Format, ReadError, ReadOptions};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Valley Courier</title>
  <link>https://courier.example/</link>
  <description>Local news</description>
  <item>
    <title>Bridge gives way in morning traffic</title>
    <link>https://courier.example/bridge</link>
    <guid>https://courier.example/bridge</guid>
    <pubDate>Tue, 04 Mar 2025 08:30:00 +0000</pubDate>
    <description>Forty people hurt as bridge collapses.</description>
    <content:encoded><![CDATA[<p>Officials said 40 people were hurt when the old bridge gave way.</p><p>Two people are still missing, police said.</p><figure><img src="b.jpg"><figcaption>The bridge on Monday.</figcaption></figure>]]></content:encoded>
  </item>
  <item>
    <title>Schools closed after flooding</title>
    <link>https://courier.example/schools</link>
    <pubDate>Wed, 05 Mar 2025 10:00:00 +0000</pubDate>
    <description>&lt;p&gt;About 1,200 pupils stayed home on Wednesday, the council said.&lt;/p&gt;</description>
  </item>
</channel>
</rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Herald</title>
  <id>urn:uuid:6e1f0c1a-0000-4000-8000-000000000001</id>
  <updated>2025-03-06T12:00:00Z</updated>
  <entry>
    <title>Storm cuts power to thousands</title>
    <link rel="alternate" href="https://herald.example/storm"/>
    <id>urn:uuid:6e1f0c1a-0000-4000-8000-000000000002</id>
    <published>2025-03-06T09:00:00Z</published>
    <updated>2025-03-06T11:00:00Z</updated>
    <summary>Power cut after storm.</summary>
    <content type="html">&lt;p&gt;About 3,000 homes lost power after the storm, the utility said.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Ferry service resumes</title>
    <link href="https://herald.example/ferry"/>
    <id>urn:uuid:6e1f0c1a-0000-4000-8000-000000000003</id>
    <updated>2025-03-07T07:00:00Z</updated>
    <summary>The ferry carried 250 passengers on its first crossing since the storm.</summary>
  </entry>
</feed>"#;

const JSON_FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Plains Post",
  "items": [
    {"id": "a1", "url": "https://post.example/fire", "title": "Fire destroys barns",
     "content_html": "<p>Firefighters said the blaze destroyed 15 barns.</p>",
     "date_published": "2025-03-08T06:00:00Z"},
    {"id": "a2", "url": "https://post.example/rain", "title": "Rain returns",
     "content_text": "The weather office recorded 30 millimetres of rain overnight.",
     "date_published": "2025-03-09T06:00:00Z"},
    {"id": "a3", "url": "https://post.example/fair", "title": "Fair draws crowds",
     "summary": "Organisers counted 8,000 visitors at the county fair.",
     "date_published": "2025-03-10T06:00:00Z"}
  ]
}"#;

fn read(raw: &str) -> Vec<Result<Document, ReadError>> {
    let mut out = Vec::new();
    assert_eq!(sniff(raw.as_bytes()), Format::Feed);
    read_bytes(raw.as_bytes(), Format::Feed, "feed", "feed.xml", &ReadOptions::default(), &mut |r| out.push(r));
    out
}

fn docs(raw: &str) -> Vec<Document> {
    read(raw).into_iter().map(|r| r.unwrap()).collect()
}

fn day(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn rss_items_with_and_without_full_content() {
    let d = docs(RSS);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].id, "https://courier.example/bridge");
    assert_eq!(d[0].format, Format::Feed);
    assert_eq!(d[0].meta.title.as_deref(), Some("Bridge gives way in morning traffic"));
    assert_eq!(d[0].meta.url.as_deref(), Some("https://courier.example/bridge"));
    assert_eq!(d[0].meta.outlet.as_deref(), Some("Valley Courier"));
    assert_eq!(d[0].meta.published, day(2025, 3, 4));
    assert_eq!(d[0].body, "Officials said 40 people were hurt when the old bridge gave way.\n\nTwo people are still missing, police said.");
    assert!(!d[0].meta.summary_only);
    assert_eq!(d[1].body, "About 1,200 pupils stayed home on Wednesday, the council said.");
    assert!(d[1].meta.summary_only);
    assert_eq!(d[1].meta.published, day(2025, 3, 5));
}

#[test]
fn atom_entries_with_and_without_content() {
    let d = docs(ATOM);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].id, "https://herald.example/storm");
    assert_eq!(d[0].body, "About 3,000 homes lost power after the storm, the utility said.");
    assert!(!d[0].meta.summary_only);
    assert_eq!(d[0].meta.published, day(2025, 3, 6));
    assert_eq!(d[1].meta.url.as_deref(), Some("https://herald.example/ferry"));
    assert_eq!(d[1].body, "The ferry carried 250 passengers on its first crossing since the storm.");
    assert!(d[1].meta.summary_only);
    // No published date: the updated date stands in.
    assert_eq!(d[1].meta.published, day(2025, 3, 7));
}

#[test]
fn json_feed_items_html_text_and_summary() {
    let d = docs(JSON_FEED);
    assert_eq!(d.len(), 3);
    assert_eq!(d[0].body, "Firefighters said the blaze destroyed 15 barns.");
    assert_eq!(d[1].body, "The weather office recorded 30 millimetres of rain overnight.");
    assert_eq!((d[0].meta.summary_only, d[1].meta.summary_only, d[2].meta.summary_only), (false, false, true));
    assert_eq!(d[2].meta.title.as_deref(), Some("Fair draws crowds"));
    assert_eq!(d[2].meta.published, day(2025, 3, 10));
    assert_eq!(d[2].meta.outlet.as_deref(), Some("Plains Post"));
    assert!(d.iter().all(|d| d.carries_text()));
}

#[test]
fn items_without_text_and_broken_feeds_are_reported() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>Only a title</title><link>https://x.example/a</link></item>
        <item><title>Fine</title><link>https://x.example/b</link><description>Ten people were rescued.</description></item>
        </channel></rss>"#;
    let out = read(rss);
    assert_eq!(out.len(), 2);
    let e = out[0].as_ref().unwrap_err().to_string();
    assert!(e.starts_with("feed.xml#1 https://x.example/a"), "{e}");
    assert_eq!(out[1].as_ref().unwrap().body, "Ten people were rescued.");
    let broken = read(r#"<?xml version="1.0"?><rss version="2.0"><channel><item><title>"#);
    assert!(matches!(broken[..], [Err(ReadError::Feed { .. })]), "{broken:?}");
}

#[test]
fn feed_files_are_found_in_folders_and_by_content() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("courier.rss"), RSS).unwrap();
    std::fs::write(dir.path().join("herald.xml"), ATOM).unwrap();
    std::fs::write(dir.path().join("post.json"), JSON_FEED).unwrap();
    let (files, errors) = tally_read::expand_paths(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty());
    assert_eq!(files.len(), 3);
    let mut n = 0;
    for f in &files {
        read_path(f, &ReadOptions::default(), &mut |r| {
            assert_eq!(r.unwrap().format, Format::Feed);
            n += 1;
        });
    }
    assert_eq!(n, 7);
}
