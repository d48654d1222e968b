//! SARIF 2.1.0, the one printer `lint` and `diagnose` share: one run, the rules that can be
//! reported, one result per finding.

use serde_json::{json, Value};

use crate::doc::Level;

/// A rule as SARIF describes it (texts already translated).
#[derive(Debug, Clone)]
pub struct SarifRule {
    pub id: String,
    pub name: String,
    pub short: String,
    pub full: String,
    pub help: String,
    pub level: Level,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct SarifResult {
    pub rule_id: String,
    pub level: Level,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u64>,
    /// Tool-specific facts (`name`, `machine`, `fix`, …).
    pub properties: Value,
}

/// The SARIF log of one run of `tool` at `version`.
pub fn print(tool: &str, version: &str, rules: &[SarifRule], results: &[SarifResult]) -> Value {
    let rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.short},
                "fullDescription": {"text": r.full},
                "help": {"text": r.help},
                "defaultConfiguration": {"level": r.level.as_str()},
            })
        })
        .collect();
    let results: Vec<Value> = results
        .iter()
        .map(|f| {
            let mut r = json!({
                "ruleId": f.rule_id,
                "level": f.level.as_str(),
                "message": {"text": f.message},
                "properties": f.properties,
            });
            if let Some(file) = &f.file {
                let region = match f.line {
                    Some(n) => json!({"startLine": n}),
                    None => json!({}),
                };
                r["locations"] = json!([{"physicalLocation": {"artifactLocation": {"uri": file}, "region": region}}]);
            }
            r
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": tool, "version": version, "rules": rules}},
            "results": results,
        }],
    })
}
