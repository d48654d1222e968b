//! `simulate --write-evidence`: a machine name becomes a folder only when it is one plain file-name
//! component, so a folder made from it is always directly inside the destination.

#![allow(clippy::unwrap_used)]

use std::path::{Component, Path};

use avma_cluster::evidence_out::{check_component, BadName};
use proptest::prelude::*;

#[test]
fn unsafe_names_are_refused_with_their_reason() {
    for (name, why) in [
        ("", BadName::Empty),
        (".", BadName::Dots),
        ("..", BadName::Dots),
        ("../x", BadName::Separator),
        ("/etc", BadName::Separator),
        ("\\\\server\\share", BadName::Separator),
        ("C:", BadName::Colon),
        ("c:evil", BadName::Colon),
        ("a\0b", BadName::Control),
        ("a\nb", BadName::Control),
        ("a*b", BadName::Reserved),
        ("con", BadName::Device),
        ("NUL.txt", BadName::Device),
        ("com1", BadName::Device),
        ("LPT9.log", BadName::Device),
        ("com¹", BadName::Device),
        ("vm.", BadName::Trailing),
        ("vm ", BadName::Trailing),
    ] {
        assert_eq!(check_component(name), Err(why), "{name:?}");
    }
    let long = "a".repeat(256);
    assert_eq!(check_component(&long), Err(BadName::Long));
    for ok in [
        "hv-node1",
        "vm-app01",
        "console",
        "com10",
        "nul-ish",
        "VM 01",
        "ホスト",
    ] {
        assert_eq!(check_component(ok), Ok(()), "{ok:?}");
    }
}

proptest! {
    #[test]
    fn an_accepted_name_is_one_normal_component(name in "\\PC{0,40}") {
        if check_component(&name).is_ok() {
            let joined = Path::new("dest").join(&name);
            let parts: Vec<Component> = joined.components().collect();
            prop_assert_eq!(parts.len(), 2);
            prop_assert!(matches!(parts[1], Component::Normal(_)));
            prop_assert_eq!(joined.parent(), Some(Path::new("dest")));
        }
    }
}
