//! Every text reader (slmgr, DISM, PowerShell JSON and Format-List, event XML) behind the
//! content dispatcher, after decoding: arbitrary bytes must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cat = avma_core::Catalog::builtin();
    if let Ok((_, lines)) = avma_text::decode_lines(data) {
        let r = avma_evidence::detect::read_text("fuzz", &lines, cat);
        let _ = avma_evidence::model::build(
            vec![avma_evidence::model::MachineInput { label: "m".into(), role: None, results: vec![r] }],
            cat,
        );
    }
    // Each reader on its own too, whatever the dispatcher would have chosen.
    let text = String::from_utf8_lossy(data);
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let _ = avma_evidence::slmgr::read("fuzz", &lines, cat);
    let _ = avma_evidence::dism::read("fuzz", &lines, cat);
    let _ = avma_evidence::powershell::read_format_list("fuzz", &lines, cat);
    let _ = avma_evidence::powershell::read_json("fuzz", &text, cat);
    let _ = avma_evidence::eventxml::read("fuzz", &text);
});
