//! As of when, at the edge: `--at`, the clock, and the files' modification times, turned into the
//! one time every judgement of a run is made at, and the line that says so in every output.

use std::sync::{Mutex, OnceLock};

use avma_core::text::Msg;
use avma_evidence::asof::{
    days_between, doubts, evidence_time_before, parse_time, AsOf, AsOfSource, Doubt,
    FUTURE_TOLERANCE_SECONDS,
};
use avma_evidence::model::Model;
use avma_evidence::observe::ReadResult;
use serde_json::json;

use crate::out::Ctx;

static AT: OnceLock<Option<jiff::Timestamp>> = OnceLock::new();

/// What this run found wrong with the evidence's own times (said with the as-of line).
static DOUBTS: Mutex<Vec<Doubt>> = Mutex::new(Vec::new());

/// `--at DATE`: a date (`2026-10-01`, midnight UTC) or an RFC 3339 time, from 2000 to 2099
/// (AVMA exists since 2013; a date outside that range is a typo, not a judgement to make).
pub fn parse_at(s: &str) -> Result<jiff::Timestamp, Msg> {
    let out_of_range = || Msg::new("asof-at-out-of-range").arg("value", s.to_string());
    match parse_time(s) {
        Some(t) if (AT_FIRST..AT_END).contains(&t.as_second()) => Ok(t),
        Some(_) => Err(out_of_range()),
        // A calendar date jiff cannot hold as a time (9999-12-31) is still a date.
        None if s
            .trim()
            .get(..10)
            .is_some_and(|d| d.parse::<jiff::civil::Date>().is_ok()) =>
        {
            Err(out_of_range())
        }
        None => Err(Msg::new("asof-bad-at").arg("value", s.to_string())),
    }
}

/// 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z, the bounds of `--at`.
const AT_FIRST: i64 = 946_684_800;
const AT_END: i64 = 4_102_444_800;

/// Record `--at` for this run (called once by the entry point).
pub fn set_at(at: Option<jiff::Timestamp>) {
    let _ = AT.set(at);
}

/// `--at`, when given.
pub fn given() -> Option<jiff::Timestamp> {
    AT.get().copied().flatten()
}

/// The clock: `AVMA_CLOCK` (RFC 3339) when set, so that runs and tests can be reproduced, else
/// the system clock. Used only to say how old the evidence is.
pub fn clock() -> jiff::Timestamp {
    std::env::var("AVMA_CLOCK")
        .ok()
        .and_then(|s| parse_time(&s))
        .unwrap_or_else(jiff::Timestamp::now)
}

/// A file time to the whole second: file systems keep different precisions (100 ns on NTFS,
/// 1 ns on ext4), and evidence time is said to the second, so the same evidence gives the same
/// time on Windows and Linux.
pub fn whole_second(t: std::time::SystemTime) -> Option<jiff::Timestamp> {
    let t = jiff::Timestamp::try_from(t).ok()?;
    jiff::Timestamp::from_second(t.as_second()).ok()
}

/// The modification time of every input file that could be read, to the second.
pub fn file_times(results: &[ReadResult]) -> Vec<(String, jiff::Timestamp)> {
    results
        .iter()
        .filter(|r| r.readable)
        .filter_map(|r| {
            let t = std::fs::metadata(&r.file).ok()?.modified().ok()?;
            let t = whole_second(t)?;
            Some((r.file.clone(), t))
        })
        .collect()
}

/// The time of this run's judgements: `--at`, else the evidence's own time, else the clock.
pub fn resolve(model: &Model, results: &[ReadResult]) -> AsOf {
    if let Some(t) = given() {
        return AsOf {
            time: t,
            source: AsOfSource::Given,
            from: None,
        };
    }
    of_evidence(model, results).unwrap_or_else(|| AsOf {
        time: clock(),
        source: AsOfSource::Clock,
        from: None,
    })
}

/// The evidence's own time (the manifest, else the newest event, else the files' times), never
/// later than the clock: a time in the future, or a manifest its events contradict, is passed
/// over and remembered ([`doubt_msgs`]) so that the as-of line says why.
pub fn of_evidence(model: &Model, results: &[ReadResult]) -> Option<AsOf> {
    let now = clock();
    let limit = jiff::Timestamp::from_second(now.as_second() + FUTURE_TOLERANCE_SECONDS).ok();
    let found = doubts(model, Some(now));
    if let Ok(mut d) = DOUBTS.lock() {
        for x in found {
            if !d.contains(&x) {
                d.push(x);
            }
        }
    }
    evidence_time_before(model, &file_times(results), limit)
}

/// Remember a doubt found outside [`of_evidence`] (an inventory's `collected` in the future).
pub fn doubt(d: Doubt) {
    if let Ok(mut all) = DOUBTS.lock() {
        if !all.contains(&d) {
            all.push(d);
        }
    }
}

/// Whether `t` is in the future of the clock (beyond the tolerance between machines' clocks).
pub fn in_future(t: jiff::Timestamp) -> bool {
    t.as_second() - clock().as_second() > FUTURE_TOLERANCE_SECONDS
}

/// The sentences that say what is wrong with these evidence times, translated ids and values.
pub fn doubt_msg(d: &Doubt) -> Msg {
    let label = |f: &Option<avma_evidence::observe::Provenance>| {
        f.as_ref().map(|p| p.label()).unwrap_or_default()
    };
    match d {
        Doubt::Future {
            time,
            clock,
            from: Some(p),
        } => Msg::new("asof-doubt-future")
            .arg("time", time.to_string())
            .arg("clock", clock.to_string())
            .arg("from", p.label()),
        Doubt::Future {
            time,
            clock,
            from: None,
        } => Msg::new("asof-doubt-future-inventory")
            .arg("time", time.to_string())
            .arg("clock", clock.to_string()),
        Doubt::ContradictsEvents {
            collected,
            event,
            from,
        } => Msg::new("asof-doubt-contradicts")
            .arg("collected", collected.to_string())
            .arg("event", event.to_string())
            .arg("from", label(from)),
    }
}

/// The doubts this run found so far, as messages.
pub fn doubt_msgs() -> Vec<Msg> {
    DOUBTS
        .lock()
        .map(|d| d.iter().map(doubt_msg).collect())
        .unwrap_or_default()
}

/// The time of an inventory's judgements: `--at`, else its `collected`, else the clock.
pub fn of_inventory(collected: Option<&str>) -> AsOf {
    if let Some(t) = given() {
        return AsOf {
            time: t,
            source: AsOfSource::Given,
            from: None,
        };
    }
    match collected.and_then(parse_time) {
        Some(t) if in_future(t) => {
            doubt(Doubt::Future {
                time: t,
                clock: clock(),
                from: None,
            });
            AsOf {
                time: clock(),
                source: AsOfSource::Clock,
                from: None,
            }
        }
        Some(t) => AsOf {
            time: t,
            source: AsOfSource::Collected,
            from: None,
        },
        None => AsOf {
            time: clock(),
            source: AsOfSource::Clock,
            from: None,
        },
    }
}

/// Days from the as-of time to the clock (negative: the as-of time is in the future).
pub fn age_days(a: &AsOf) -> i64 {
    days_between(a.time, clock())
}

fn source_id(s: AsOfSource, from: Option<&avma_evidence::observe::Provenance>) -> &'static str {
    match s {
        AsOfSource::Given => "asof-given",
        AsOfSource::Collected if from.is_none() => "asof-collected-inventory",
        AsOfSource::Collected => "asof-collected",
        AsOfSource::Event => "asof-event",
        AsOfSource::Logged => "asof-logged",
        AsOfSource::FileTime => "asof-file",
        AsOfSource::Clock => "asof-clock",
    }
}

/// "As of 2026-10-01, 61 days ago (the newest event, at FILE#RECORD)", translated.
pub fn line(ctx: &Ctx, a: &AsOf) -> String {
    line_in(ctx, a, false)
}

/// [`line`] for Markdown: the values (file names) escaped.
pub fn line_md(ctx: &Ctx, a: &AsOf) -> String {
    line_in(ctx, a, true)
}

fn line_in(ctx: &Ctx, a: &AsOf, md: bool) -> String {
    let date = a.time.strftime("%Y-%m-%d").to_string();
    let source = ctx.msg(&Msg::new(source_id(a.source, a.from.as_ref())).arg(
        "from",
        a.from.as_ref().map(|p| p.label()).unwrap_or_default(),
    ));
    let days = age_days(a);
    let id = if days < 0 {
        "asof-line-future"
    } else {
        "asof-line"
    };
    let m = Msg::new(id)
        .arg("date", date)
        .arg("days", days.abs())
        .arg("source", source);
    let mut out = if md { ctx.msg_md(&m) } else { ctx.msg(&m) };
    // What is wrong with the evidence's own times, said where the time is said.
    for d in doubt_msgs() {
        out.push(' ');
        out.push_str(&if md { ctx.msg_md(&d) } else { ctx.msg(&d) });
    }
    out
}

/// The `as_of` object of the JSON contracts.
pub fn json(a: &AsOf) -> serde_json::Value {
    json!({
        "time": a.time.to_string(),
        "date": a.time.strftime("%Y-%m-%d").to_string(),
        "source": a.source,
        "from": a.from.as_ref().map(|p| p.label()),
        "age_days": age_days(a),
    })
}
