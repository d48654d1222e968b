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

/// Events newer than the collector's recorded time by more than this: the recorded time
/// contradicts the evidence it describes (a collector cannot have read events logged after it ran).
pub const CONTRADICTION_SECONDS: i64 = 86_400;

/// Evidence time further than this ahead of the run's clock is in the future (machines' clocks
/// differ a little; more is a wrong clock or a hand-edited manifest).
pub const FUTURE_TOLERANCE_SECONDS: i64 = 3_600;

/// Why the evidence's own time cannot be trusted as it stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Doubt {
    /// The collector's recorded time is older than the newest event by more than a day.
    ContradictsEvents {
        collected: jiff::Timestamp,
        event: jiff::Timestamp,
        from: Option<Provenance>,
    },
    /// A time of the evidence is in the future of the run's clock: it was passed over.
    Future {
        time: jiff::Timestamp,
        clock: jiff::Timestamp,
        from: Option<Provenance>,
    },
}

fn newest_collected(model: &Model) -> Option<(jiff::Timestamp, Provenance)> {
    model
        .machines
        .iter()
        .flat_map(|m| m.collected.iter())
        .filter_map(|s| Some((parse_time(&s.value)?, s.from.first()?.clone())))
        .max_by_key(|(t, _)| *t)
}

fn events(model: &Model) -> impl Iterator<Item = (jiff::Timestamp, Provenance)> + '_ {
    model
        .machines
        .iter()
        .flat_map(|m| m.events.iter())
        .filter_map(|e| {
            let t = parse_time(e.value.time.as_deref()?)?;
            Some((t, e.from.first()?.clone()))
        })
}

/// The evidence's time: the collection time the collector recorded (the newest, when machines
/// were collected at different times), else the newest event time, and only then the files'
/// modification times (they change when files are copied). None when the evidence holds no
/// time at all. See [`evidence_time_before`] for a run with a clock.
pub fn evidence_time(model: &Model, file_times: &[(String, jiff::Timestamp)]) -> Option<AsOf> {
    evidence_time_before(model, file_times, None)
}

/// [`evidence_time`], passing over every time later than `limit` (the run's clock plus
/// [`FUTURE_TOLERANCE_SECONDS`], given by the edge): evidence is never judged as of the future.
/// A recorded collection time that its own events contradict stays the time (the collector's
/// record), and [`doubts`] says so.
pub fn evidence_time_before(
    model: &Model,
    file_times: &[(String, jiff::Timestamp)],
    limit: Option<jiff::Timestamp>,
) -> Option<AsOf> {
    let ok = |t: &jiff::Timestamp| limit.is_none_or(|l| *t <= l);
    let event = events(model).filter(|(t, _)| ok(t)).max_by_key(|(t, _)| *t);
    if let Some((time, from)) = newest_collected(model).filter(|(t, _)| ok(t)) {
        return Some(AsOf {
            time,
            source: AsOfSource::Collected,
            from: Some(from),
        });
    }
    if let Some((time, from)) = event {
        return Some(AsOf {
            time,
            source: AsOfSource::Event,
            from: Some(from),
        });
    }
    file_times
        .iter()
        .filter(|(_, t)| ok(t))
        .max_by_key(|(_, t)| *t)
        .map(|(f, t)| AsOf {
            time: *t,
            source: AsOfSource::FileTime,
            from: Some(Provenance {
                file: f.clone(),
                line: None,
                record: None,
                reader: "mtime",
            }),
        })
}

/// What is wrong with the evidence's own times, against the run's `clock` (None: no clock,
/// only the contradiction is checked): a recorded time its events contradict, a time in the
/// future.
pub fn doubts(model: &Model, clock: Option<jiff::Timestamp>) -> Vec<Doubt> {
    let mut out = Vec::new();
    let collected = newest_collected(model);
    let event = events(model).max_by_key(|(t, _)| *t);
    if let (Some((ct, cf)), Some((et, _))) = (&collected, &event) {
        if et.as_second() - ct.as_second() > CONTRADICTION_SECONDS {
            out.push(Doubt::ContradictsEvents {
                collected: *ct,
                event: *et,
                from: Some(cf.clone()),
            });
        }
    }
    if let Some(clock) = clock {
        let newest = [collected, event]
            .into_iter()
            .flatten()
            .max_by_key(|(t, _)| *t);
        if let Some((t, f)) = newest {
            if t.as_second() - clock.as_second() > FUTURE_TOLERANCE_SECONDS {
                out.push(Doubt::Future {
                    time: t,
                    clock,
                    from: Some(f),
                });
            }
        }
    }
    out
}

/// Whole days from `from` to `to` (negative when `to` is earlier), counted in UTC.
pub fn days_between(from: jiff::Timestamp, to: jiff::Timestamp) -> i64 {
    (to.as_second() - from.as_second()).div_euclid(86_400)
}

fn ser_time<S: serde::Serializer>(t: &jiff::Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_string())
}
