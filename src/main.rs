fn main() {
    let mut s = Vec::new();
    for p in std::env::args().skip(1) {
        s.extend(slant::PackSource::from_path(p.as_ref()).unwrap());
    }
    match slant::RuleSet::load(&s) {
        Ok(_) => println!("ok"),
        Err(e) => print!("{e}"),
    }
}
