//! As of when: the time the evidence describes. Pure: the file modification times arrive as values
//! from the CLI edge; no clock is read here.

use serde::Serialize;

use crate::model::Model;
use crate::observe::Provenance;

/// Where the time every judgement is made at came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AsOfSource {
    /// `--at` on the command line.
    Given,
    /// The collection time the collector recorded (a bundle manifest, an inventory's `collected`).
    Collected,
    /// The newest event in the evidence.
    Event,
    /// The newest modification time of an evidence file.
    FileTime,
    /// Nothing in the evidence tells: the clock of the machine avma runs on.
    Clock,
}

/// The time judgements are made at, and where it was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AsOf {
    #[serde(serialize_with = "ser_time")]
    pub time: jiff::Timestamp,
    pub source: AsOfSource,
    /// The file (and line or record) the time was read from, when it came from the evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Provenance>,
}

/// A time as evidence writes it: RFC 3339 (`2026-11-28T08:40:11.0000000Z`), or a civil date
/// and time without an offset, taken as UTC.
pub fn parse_time(s: &str) -> Option<jiff::Timestamp> {
    let s = s.trim();
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return jiff::tz::TimeZone::UTC.to_timestamp(dt).ok();
    }
    s.parse::<jiff::civil::Date>().ok().and_then(|d| {
        jiff::tz::TimeZone::UTC
            .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
            .ok()
    })
}

/// The evidence's time: the collection time the collector recorded (the newest, when machines
/// were collected at different times), else the newest of the event times and the files'
/// modification times. None when the evidence holds no time at all.
pub fn evidence_time(model: &Model, file_times: &[(String, jiff::Timestamp)]) -> Option<AsOf> {
    let collected = model
        .machines
        .iter()
        .flat_map(|m| m.collected.iter())
        .filter_map(|s| Some((parse_time(&s.value)?, s.from.first()?.clone())))
        .max_by_key(|(t, _)| *t);
    if let Some((time, from)) = collected {
        return Some(AsOf {
            time,
            source: AsOfSource::Collected,
            from: Some(from),
        });
    }
    let event = model
        .machines
        .iter()
        .flat_map(|m| m.events.iter())
        .filter_map(|e| {
            let t = parse_time(e.value.time.as_deref()?)?;
            Some((t, e.from.first()?.clone()))
        })
        .max_by_key(|(t, _)| *t);
    let file = file_times.iter().max_by_key(|(_, t)| *t).map(|(f, t)| {
        let p = Provenance {
            file: f.clone(),
            line: None,
            record: None,
            reader: "mtime",
        };
        (*t, p)
    });
    match (event, file) {
        (Some((et, ef)), Some((ft, _))) if et >= ft => Some(AsOf {
            time: et,
            source: AsOfSource::Event,
            from: Some(ef),
        }),
        (_, Some((ft, ff))) => Some(AsOf {
            time: ft,
            source: AsOfSource::FileTime,
            from: Some(ff),
        }),
        (Some((et, ef)), None) => Some(AsOf {
            time: et,
            source: AsOfSource::Event,
            from: Some(ef),
        }),
        (None, None) => None,
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier), counted in UTC.
pub fn days_between(from: jiff::Timestamp, to: jiff::Timestamp) -> i64 {
    (to.as_second() - from.as_second()).div_euclid(86_400)
}

fn ser_time<S: serde::Serializer>(t: &jiff::Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_string())
}
