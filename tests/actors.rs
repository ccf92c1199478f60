//! The targeting heuristic and attribution profiles, on sentences written
//! for these tests.

use slant::actors::Actors;
use slant::model::ActorProfile;
use slant::{Engine, PackSource, Report, RuleSet, ScoreOptions};

const RULES: &str = r#"
pack: t
categories:
  emotive: { weight: 2, polarity: negative }
  praise: { weight: 1, polarity: positive }
  certainty: { weight: 2 }
  attribution: { weight: 1.5, polarity: negative }
rules:
  - { id: t.humiliat, category: emotive, terms: [humiliat*, ploy], message: m }
  - { id: t.burgeoning, category: praise, terms: [burgeoning], message: m }
  - { id: t.obviously, category: certainty, terms: [obviously], message: m }
  - { id: t.claimed, category: attribution, terms: [claimed], message: m }
"#;

const ACTORS: &str = r#"
actors:
  Japan: [Japan, Tokyo, Iwaya]
  Russia: [Russia, Moscow, Lavrov]
  United States: [US, Austin]
speech: [said, told]
"#;

fn report(text: &str) -> Report {
    let src = |name: &str, text: &str| PackSource {
        name: name.into(),
        text: text.into(),
    };
    let rules = RuleSet::load(&[src("t.yaml", RULES)]).expect("rules");
    let actors = Actors::load(&[src("a.yaml", ACTORS)]).expect("actors");
    Engine::new(rules)
        .expect("compiles")
        .with_actors(actors)
        .score_text("t", text, &ScoreOptions::default())
}

fn targets(text: &str) -> Vec<(String, Option<String>)> {
    report(text)
        .hits
        .into_iter()
        .map(|h| (h.text, h.target))
        .collect()
}

fn actor(r: &Report, name: &str) -> ActorProfile {
    r.actors
        .iter()
        .flatten()
        .find(|p| p.actor == name)
        .cloned()
        .unwrap_or_else(|| panic!("{name} not profiled"))
}

fn t(term: &str, actor: Option<&str>) -> (String, Option<String>) {
    (term.to_string(), actor.map(str::to_string))
}

#[test]
fn subject_before_the_term() {
    assert_eq!(
        targets("Tokyo has humiliatingly backtracked."),
        [t("humiliatingly", Some("Japan"))]
    );
}

#[test]
fn actor_after_the_term() {
    assert_eq!(
        targets("Humiliatingly, the plan was dropped by Tokyo."),
        [t("Humiliatingly", Some("Japan"))]
    );
}

#[test]
fn two_actors_in_one_sentence_each_get_the_nearest_term_before() {
    assert_eq!(
        targets("Moscow praised burgeoning ties while Tokyo humiliatingly backtracked."),
        [
            t("burgeoning", Some("Russia")),
            t("humiliatingly", Some("Japan"))
        ]
    );
}

#[test]
fn an_actor_in_another_sentence_is_not_a_target() {
    assert_eq!(
        targets("Tokyo spoke. The plan obviously failed."),
        [t("obviously", None)]
    );
}

#[test]
fn no_actor() {
    assert_eq!(
        targets("The plan obviously failed."),
        [t("obviously", None)]
    );
}

#[test]
fn quotes_are_attributed_to_their_speaker() {
    let r = report("“This is a ploy,” Lavrov said.");
    assert_eq!(r.hits[0].target.as_deref(), Some("Russia"));
    assert!(r.hits[0].quoted);
    let russia = actor(&r, "Russia");
    assert_eq!((russia.negative.authorial, russia.negative.quoted), (0, 1));
    assert_eq!(russia.attribution.neutral, 1);
    assert_eq!(russia.attribution.direct_quote_share, 1.0);
    // Quoted hits weigh a quarter: -2 x 0.25 per 1 mention.
    assert_eq!(russia.tone, -0.5);
}

#[test]
fn loaded_and_neutral_attribution() {
    let r =
        report("Iwaya claimed the idea was fair. Austin said it was not. Austin told reporters.");
    let japan = actor(&r, "Japan");
    assert_eq!(
        (japan.attribution.loaded, japan.attribution.neutral),
        (1, 0)
    );
    assert_eq!(japan.attribution.verbs, ["claimed"]);
    assert_eq!(japan.attribution.direct_quote_share, 0.0);
    let us = actor(&r, "United States");
    assert_eq!((us.attribution.loaded, us.attribution.neutral), (0, 2));
    assert_eq!(us.attribution.verbs, ["said", "told"]);
    assert_eq!(us.mentions, 2);
}

#[test]
fn an_alias_in_capitals_matches_only_in_capitals() {
    let r = report("Give us time, the US said.");
    assert_eq!(actor(&r, "United States").mentions, 1);
}

#[test]
fn tone_is_net_weight_per_mention() {
    // Japan: one negative (2) and one positive (1) authorial hit, 2 mentions.
    let r = report("Tokyo humiliatingly backtracked. Japan enjoys burgeoning trade.");
    let japan = actor(&r, "Japan");
    assert_eq!(japan.mentions, 2);
    assert_eq!(japan.tone, -0.5);
    assert_eq!(japan.terms, ["humiliatingly", "burgeoning"]);
}

#[test]
fn an_alias_for_two_actors_is_an_error() {
    let bad = PackSource {
        name: "story.yaml".into(),
        text: "actors:\n  Japan: [Tokyo]\n  Other: [tokyo]\n".into(),
    };
    let err = Actors::load(&[bad]).expect_err("rejected");
    let e = &err.0[0];
    assert!(
        e.message.contains("Japan") && e.message.contains("Other"),
        "{e}"
    );
    assert_eq!(e.line, 3);
}
