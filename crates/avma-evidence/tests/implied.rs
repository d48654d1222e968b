//! Version from a matched public key (issue #13, item 7): a public key seen on a machine (a
//! product's partial key matched uniquely against the catalog, or a whole key `slmgr /ipk`
//! installed) implies that key's versions and edition family, weaker than a direct statement;
//! a build, the licensing service's version, the Extended PID or the OS caption that names
//! another version is a `version` conflict. Each folder of `tests/implied-cases` is one
//! machine, with `case.toml` saying what the model must hold.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use avma_core::Catalog;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, Machine, MachineInput};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The versions each implied key serves, joined by `/`, in the order seen.
    implied: Vec<String>,
    family: Option<String>,
    /// The machine's version (direct statements only), when one is stated.
    version: Option<String>,
    conflict: bool,
}

fn machine(dir: &Path) -> Machine {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "case.toml")
        .collect();
    files.sort();
    let results = files
        .iter()
        .map(|p| {
            let (_, lines) = avma_text::decode_lines(&std::fs::read(p).unwrap()).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let r = read_text(&name, &lines, Catalog::builtin());
            assert!(!r.has_problems(), "{name}: {:?}", r.problems);
            r
        })
        .collect();
    let input = MachineInput {
        label: dir.file_name().unwrap().to_string_lossy().into_owned(),
        role: None,
        results,
    };
    build(vec![input], Catalog::builtin()).machines.remove(0)
}

#[test]
fn every_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/implied-cases");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 7, "{dirs:?}");
    for d in dirs {
        let name = d.file_name().unwrap().to_string_lossy().into_owned();
        let case: Case =
            toml::from_str(&std::fs::read_to_string(d.join("case.toml")).unwrap()).unwrap();
        let m = machine(&d);
        let implied: Vec<String> = m
            .implied_versions
            .iter()
            .map(|i| i.versions.join("/"))
            .collect();
        assert_eq!(implied, case.implied, "{name}: implied versions");
        if let Some(f) = &case.family {
            assert!(
                m.implied_versions.iter().all(|i| &i.family == f),
                "{name}: {:?}",
                m.implied_versions
            );
        }
        for i in &m.implied_versions {
            assert!(
                !i.from.is_empty(),
                "{name}: an implied version without provenance"
            );
        }
        // Implied is weaker: it never becomes the machine's version.
        assert_eq!(m.version, case.version, "{name}: version");
        let conflicts: Vec<_> = m
            .conflicts
            .iter()
            .filter(|c| c.field == "version")
            .collect();
        assert_eq!(
            !conflicts.is_empty(),
            case.conflict,
            "{name}: {:?}",
            m.conflicts
        );
        for c in conflicts {
            // Both sides are named: the key's implication and the direct statement, each with
            // where it was seen.
            assert!(c.values.iter().any(|v| v.implied_by.is_some()), "{name}");
            assert!(c.values.iter().any(|v| v.implied_by.is_none()), "{name}");
            assert!(
                c.values.iter().all(|v| v.from.line.is_some()),
                "{name}: {c:?}"
            );
        }
    }
}

#[test]
fn a_caption_names_its_version() {
    let cat = Catalog::builtin();
    let v = |c: &str| avma_evidence::util::version_in_caption(c, cat);
    assert_eq!(
        v("Microsoft Windows Server 2012 R2 Standard").as_deref(),
        Some("2012r2")
    );
    assert_eq!(
        v("Microsoft Windows Server 2012 Datacenter").as_deref(),
        Some("2012")
    );
    assert_eq!(
        v("Microsoft Windows Server(R) 2019 Datacenter Evaluation").as_deref(),
        Some("2019")
    );
    assert_eq!(v("Windows Server 2025 Standard").as_deref(), Some("2025"));
    // Not a server caption, or a version the catalog does not hold.
    assert_eq!(v("Microsoft Windows 10 Enterprise"), None);
    // 2008 R2 is in the catalog (its KMS client setup keys); 2003 is not.
    assert_eq!(
        v("Microsoft Windows Server 2008 R2 Enterprise").as_deref(),
        Some("2008r2")
    );
    assert_eq!(
        v("Microsoft Windows Server 2003 R2 Enterprise Edition"),
        None
    );
    assert_eq!(v("Windows Update"), None);
}
