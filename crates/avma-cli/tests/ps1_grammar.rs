//! The PowerShell scripts `avma plan --format ps1` writes must parse with a real PowerShell
//! grammar (tree-sitter-powershell): no ERROR or MISSING node, for every plan we can make.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_cli::cmd::plan::powershell;
use avma_cli::out::Ctx;
use avma_core::catalog::Catalog;
use avma_core::plan::{plan, PlanRequest};
use avma_core::spec::{parse_edition_words, parse_machine};
use avma_core::text::Lang;

fn errors(src: &str) -> Vec<String> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .expect("grammar loads");
    let tree = parser.parse(src, None).expect("parse");
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        if n.is_error() || n.is_missing() {
            let line = n.start_position().row;
            out.push(format!(
                "{} at line {}: {:?}",
                n.kind(),
                line + 1,
                src.lines().nth(line).unwrap_or("")
            ));
        }
        let mut c = n.walk();
        for ch in n.children(&mut c) {
            stack.push(ch);
        }
    }
    out
}

#[test]
fn the_grammar_catches_broken_scripts() {
    // The check must be able to fail.
    assert!(!errors("if ($a -eq { \n").is_empty());
    assert!(errors("$a = 1\nif ($a -eq 1) { Write-Output 'x' }\n").is_empty());
}

#[test]
fn every_plan_script_parses_in_both_languages() {
    let cat = Catalog::builtin();
    let guests = [
        "2019 Standard",
        "2019 Standard Evaluation",
        "2022 std eval core",
        "2022 Datacenter",
        "2016 Datacenter Evaluation",
        "2012 R2 Standard",
        "2025 Standard",
        "2012 Standard",
        "2022 Essentials",
        "1809 Datacenter",
    ];
    let wants = [None, Some("Datacenter"), Some("Standard")];
    let hosts = [
        "2022 Datacenter",
        "2019 Datacenter",
        "2022 Standard",
        "2025 DC",
    ];
    let mut n = 0;
    for lang in [Lang::En, Lang::Ja] {
        let ctx = Ctx::new(lang, false);
        for g in guests {
            for w in wants {
                for h in hosts {
                    for act in [Some(true), Some(false), None] {
                        let req = PlanRequest {
                            guest: parse_machine(g, cat).unwrap(),
                            want: w.map(|w| parse_edition_words(w, cat).unwrap()),
                            host: parse_machine(h, cat).unwrap(),
                            host_activated: act,
                            domain_controller: false,
                        };
                        let Ok(p) = plan(&req, cat) else { continue };
                        let script = powershell(&ctx, &p);
                        let errs = errors(&script);
                        assert!(
                            errs.is_empty(),
                            "{g} / {w:?} / {h}:\n{}\n{script}",
                            errs.join("\n")
                        );
                        assert!(script.contains("SupportsShouldProcess"));
                        n += 1;
                    }
                }
            }
        }
    }
    assert!(n > 400);
}

#[test]
fn the_collection_script_parses_in_every_scope_and_language() {
    use avma_cli::cli::Scope;
    for lang in [Lang::En, Lang::Ja] {
        for scope in [Scope::Node, Scope::Cluster, Scope::Guest] {
            for days in [1, 30, 3650] {
                let script =
                    avma_cli::cmd::collect::script_for(&Ctx::new(lang, false), scope, days);
                let errs = errors(&script);
                assert!(
                    errs.is_empty(),
                    "{lang:?} {scope:?}: {}\n{script}",
                    errs.join("\n")
                );
            }
        }
    }
}
