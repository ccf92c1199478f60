//! The seed pair the project was created from: a commentary and a wire report
//! on an "Asian NATO". Every report is tried on it first.

use slant::{Engine, Report, ScoreOptions};

const COMMENTARY: &str = "corpus/000_4fdb1282455ab5f8.txt";
const WIRE: &str = "corpus/004_3bdeed25ccb9e8ca.txt";

fn report(path: &str) -> Report {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("seed is in corpus/");
    Engine::with_defaults()
        .expect("default packs compile")
        .score(path, &bytes, &ScoreOptions::default())
}

fn authorial(r: &Report, term: &str) -> usize {
    r.hits
        .iter()
        .filter(|h| !h.quoted && h.text.eq_ignore_ascii_case(term))
        .count()
}

#[test]
fn commentary_has_the_loaded_terms() {
    let r = report(COMMENTARY);
    assert_eq!(authorial(&r, "humiliatingly"), 1);
    assert_eq!(authorial(&r, "obviously"), 2);
    assert_eq!(authorial(&r, "so-called"), 1);
    assert_eq!(authorial(&r, "claimed"), 1);
}

#[test]
fn commentary_scores_well_above_the_wire_report() {
    let (c, w) = (report(COMMENTARY), report(WIRE));
    assert!(c.score > 3.0 * w.score, "{} vs {}", c.score, w.score);
    assert!(c.authorial_hits() > 3 * w.authorial_hits());
}

#[test]
fn quoted_material_is_marked_quoted() {
    let r = report(COMMENTARY);
    // Lavrov's "A fairer world order undoubtedly requires ...".
    let undoubtedly = r
        .hits
        .iter()
        .find(|h| h.text == "undoubtedly")
        .expect("hit");
    assert!(undoubtedly.quoted);
    let w = report(WIRE);
    let absolutely = w.hits.iter().find(|h| h.text == "absolutely").expect("hit");
    assert!(
        absolutely.quoted,
        "Austin's “We are absolutely not trying…”"
    );
}
