//! A long session's names stay bounded: a question with a new name (a typo, a keystroke)
//! adds a name to the session's own table, and once the table has outgrown what the world
//! needs the world is checked again in a fresh one and the old names are freed, with every
//! answer, declaration and earlier reply as it was.

use std::sync::Arc;

use alliance::host::MemoryHost;
use alliance::session::Session;

const WORLD: &str = "\
state US { gdp: 27.4T, nuclear: yes }
state Japan { gdp: 4.2T }
state China { gdp: 17.8T, nuclear: yes }
treaty US Japan one_way defence
threat China against Japan
";

fn session() -> Session {
    let host = Arc::new(MemoryHost::new([("world.alliance", WORLD)]));
    let mut s = Session::new(host, &["world.alliance".to_string()]);
    let loaded = s.take_messages();
    assert!(!loaded.failed, "{}", loaded.text());
    s
}

#[test]
fn names_of_answered_questions_are_freed_and_the_world_is_kept() {
    let mut s = session();
    let declared = s.line("state Korea { gdp: 1.7T }\ntreaty US Korea one_way defence");
    assert!(!declared.failed, "{}", declared.text());
    let asked = "? defends(US, x)";
    let before = s.line(asked);
    let before_text = before.text();
    assert!(before_text.contains("Korea"), "{before_text}");
    let start = s.names_held();

    let mut most = 0;
    let mut renewed = false;
    for i in 0..3_000 {
        let out = s.line(&format!("? defends(x, Newland{i})"));
        assert!(out.failed, "an unknown name is an error");
        assert!(
            out.text().contains(&format!("Newland{i}")),
            "{}",
            out.text()
        );
        renewed |= s.names_held() < most;
        most = most.max(s.names_held());
    }
    assert!(
        renewed,
        "the table was renewed ({start} names at the start, {most} at most)"
    );
    // Twice the world's names and a thousand more, and the one being asked.
    assert!(
        most <= start * 2 + 1025,
        "{most} names held, {start} at the start"
    );

    // The world, with its typed declaration, answers as before; so does the reply kept
    // from before the table was renewed.
    assert_eq!(s.line(asked).text(), before_text);
    assert_eq!(before.text(), before_text);
    assert!(!s.line("expect defends(US, Korea)").failed);
    let undone = s.line(":undo");
    assert!(!undone.failed, "{}", undone.text());
    assert!(s.line("expect defends(US, Korea)").failed);
}

#[test]
fn a_name_declared_after_the_table_was_renewed_is_the_same_name_everywhere() {
    let mut s = session();
    assert!(
        typos(&mut s, "Typo", 1_500),
        "the table was renewed before the declaration"
    );
    let out = s.line("state Typo7 { gdp: 1T }\ntreaty Typo7 Japan one_way defence");
    assert!(!out.failed, "{}", out.text());
    assert!(typos(&mut s, "Other", 1_500), "and after it");
    let out = s.line("? defends(Typo7, x)");
    assert!(out.text().contains("Japan"), "{}", out.text());
    assert!(!s.line("expect defends(Typo7, Japan)").failed);
}

/// Asks `n` questions naming a new state each; whether the session renewed its table.
fn typos(s: &mut Session, stem: &str, n: usize) -> bool {
    let mut renewed = false;
    for i in 0..n {
        let before = s.names_held();
        s.line(&format!("? defends({stem}{i}, x)"));
        renewed |= s.names_held() < before;
    }
    renewed
}
