//! The quoting layer: any value, rendered for PowerShell, is one single-quoted literal that
//! reads back as the value (or a refusal with a placeholder); for cmd.exe, quotes balance, no
//! line break and no `%`/`!` from the value reach the line.
#![no_main]

use avma_core::shell::{ps_unquote, refuse, Arg, Command, Shell};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data).into_owned();
    let ps = Command::powershell("Get-VM", [Arg::lit("-Name"), Arg::value(s.clone(), "VM name")])
        .render(Shell::PowerShell);
    let lit = ps.text.strip_prefix("Get-VM -Name ").expect("prefix");
    let back = ps_unquote(lit).expect("one literal");
    if refuse(&s, Shell::PowerShell).is_some() {
        assert_eq!(back, "<VM name>");
        assert_eq!(ps.refused.len(), 1);
    } else {
        assert_eq!(back, s);
    }
    for cmd in [
        Command::exe("DISM", [Arg::value(s.clone(), "name")]),
        Command::powershell("Get-VM", [Arg::value(s.clone(), "VM name"), Arg::word(s.clone())]),
    ] {
        let r = cmd.render(Shell::Cmd);
        assert!(!r.text.contains(['\n', '\r', '!', '%']));
        assert_eq!(r.text.matches('"').count() % 2, 0);
    }
});
