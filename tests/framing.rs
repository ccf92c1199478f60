//! Framing in context, on the fixed test pack: the voice of each hit,
//! negation and the story's subject, each weighing a hit as documented in
//! `docs/scoring.md`.

use slant::model::Voice;
use slant::{Engine, Hit, PackSource, Report, RuleSet, ScoreOptions};

fn engine() -> Engine {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/test-pack.yaml"
    ))
    .unwrap();
    Engine::new(
        RuleSet::load(&[PackSource {
            name: "test-pack.yaml".into(),
            text,
        }])
        .unwrap(),
    )
    .unwrap()
}

fn report(text: &str) -> Report {
    engine().score_text("t", text, &ScoreOptions::default())
}

fn hit<'a>(r: &'a Report, text: &str) -> &'a Hit {
    r.hits
        .iter()
        .find(|h| h.text == text)
        .unwrap_or_else(|| panic!("no hit {text:?} in {:?}", r.hits))
}

#[test]
fn each_voice_weighs_as_set() {
    let text = "The regime fell. Critics said the regime lied. \"The regime is done,\" she said.";
    let r = report(text);
    let voices: Vec<(Voice, f64)> = r.hits.iter().map(|h| (h.voice, h.weighted)).collect();
    // A topic: "regime" comes three times, so its repeats weigh 1/2 and 1/3.
    assert_eq!(
        voices,
        [
            (Voice::Authorial, 2.0),
            (Voice::Reported, 2.0 * 0.25 / 2.0),
            (Voice::Quoted, 2.0 * 0.25 / 3.0),
        ]
    );
    let options = ScoreOptions {
        reported_weight: 1.0,
        quoted_weight: 0.0,
        ..ScoreOptions::default()
    };
    let r = engine().score_text("t", text, &options);
    assert_eq!(r.hits[1].weighted, 1.0);
    assert_eq!(r.hits[2].weighted, 0.0);
}

#[test]
fn a_loaded_verb_of_saying_stays_the_writers() {
    let r = report("The minister said, and later claimed, that the plan was sound.");
    assert_eq!(hit(&r, "claimed").voice, Voice::Authorial);
}

#[test]
fn negated_hits_weigh_half() {
    let r = report("The vote was not a landmark. It is clearly late.");
    let landmark = hit(&r, "landmark");
    assert!(landmark.negated);
    assert_eq!(landmark.weighted, 0.5);
    assert!(!hit(&r, "clearly").negated);
    assert_eq!(hit(&r, "clearly").weighted, 2.0);
}

#[test]
fn the_storys_subject_counts_once_then_less() {
    let r = report(
        "A landmark ruling\n\nThe landmark ruling came on Monday. Lawyers hailed the landmark decision.",
    );
    let weights: Vec<f64> = r.hits.iter().map(|h| h.weighted).collect();
    assert_eq!(weights, [1.0, 0.5, 1.0 / 3.0]);
    assert_eq!(r.topics.len(), 1);
    assert!(r.topics[0].in_headline);
    assert_eq!(r.topics[0].count, 3);
    // Twice and not in the headline: not a subject, both count fully.
    let r = report("Title\n\nA landmark day, then another landmark.");
    assert!(r.topics.is_empty());
    assert!(
        r.hits
            .iter()
            .all(|h| h.weighted == 1.0 && h.topic.is_none())
    );
}

#[test]
fn devices_the_writer_repeats_are_not_a_subject() {
    // Certainty takes no side: saying "clearly" three times frames three times.
    let r = report("Title\n\nClearly so. Clearly not. Clearly both.");
    assert!(r.topics.is_empty());
    assert_eq!(r.score, 3.0 * 2.0 / 7.0 * 1000.0);
}

#[test]
fn scare_quotes_are_the_writers_and_a_hit_of_their_own() {
    let r = report("Title\n\nThe \"reforms\" passed. He called them a \"landmark\" and left.");
    let scare = hit(&r, "\"reforms\"");
    assert_eq!(scare.rule, "labels.scare-quotes");
    assert_eq!(scare.voice, Voice::Authorial);
    assert_eq!(scare.weighted, 1.5);
    // Quoting someone who named it: a quotation, not scare quotes.
    assert_eq!(hit(&r, "landmark").voice, Voice::Quoted);
    // A term inside scare quotes is the writer's word: authorial, and the
    // scare-quote hit gives way to it.
    let r = report("Title\n\nThe \"landmark reforms\" collapsed.");
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].text, "landmark");
    assert_eq!(r.hits[0].voice, Voice::Authorial);
    // Named with a verdict verb, it is that source's word: quoted.
    let r = report("Title\n\nCritics attacked the \"landmark\" deal.");
    assert_eq!(r.hits[0].voice, Voice::Quoted);
}

#[test]
fn a_question_in_the_writers_voice_is_a_light_hit() {
    let r = report("Title\n\nIs the deal dead? \"Who knows?\" she asked.");
    let questions: Vec<&Hit> = r
        .hits
        .iter()
        .filter(|h| h.rule == "certainty.question")
        .collect();
    assert_eq!(questions.len(), 1);
    assert_eq!(questions[0].text, "?");
    assert_eq!(questions[0].weighted, 0.5);
}

#[test]
fn readers_comments_under_a_story_are_not_the_writers() {
    // Readers' comments printed under a story, without quotation marks:
    // from the first line in the first person (after the headline and two
    // paragraphs) to the end, questions without an "I" included.
    let r = report(
        "Title\n\nThe council clearly erred.\n\nWorld War I was clearly a landmark.\n\nI think it was clearly a landmark day!\n\nIs nothing sacred?",
    );
    let voices: Vec<(&str, Voice)> = r.hits.iter().map(|h| (h.text.as_str(), h.voice)).collect();
    assert_eq!(
        voices,
        [
            ("clearly", Voice::Authorial),
            // "World War I": a numeral, not a speaker.
            ("clearly", Voice::Authorial),
            ("landmark", Voice::Authorial),
            ("clearly", Voice::Quoted),
            ("landmark", Voice::Quoted),
        ],
        "and the reader's question is no hit: {:?}",
        r.hits
    );
}

#[test]
fn a_column_in_the_first_person_is_the_writers() {
    let r = report("Title\n\nI think the vote was clearly a landmark.\n\nIt was.");
    assert!(
        r.hits.iter().all(|h| h.voice == Voice::Authorial),
        "{:?}",
        r.hits
    );
}

#[test]
fn scare_quotes_on_a_readers_line_are_the_readers() {
    // Review finding: the scare-quote check came before the first person.
    let r = report("Title\n\nOne.\n\nTwo.\n\nI hate the “landmark reforms” and the regime.\n");
    assert!(
        r.hits.iter().all(|h| h.voice == Voice::Quoted),
        "{:?}",
        r.hits
    );
}
