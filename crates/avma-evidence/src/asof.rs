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
    /// The newest line time stamp of a log whose every line is stamped.
    Logged,
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
/// and time without an offset (ISO, or as a console prints it: `console_time`), taken as UTC.
pub fn parse_time(s: &str) -> Option<jiff::Timestamp> {
    let s = s.trim();
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return jiff::tz::TimeZone::UTC.to_timestamp(dt).ok();
    }
    if let Some(dt) = console_time(s) {
        return jiff::tz::TimeZone::UTC.to_timestamp(dt).ok();
    }
    s.parse::<jiff::civil::Date>().ok().and_then(|d| {
        jiff::tz::TimeZone::UTC
            .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
            .ok()
    })
}

/// Is this a time as a console prints it (local, no zone), rather than RFC 3339 or ISO?
pub fn is_console_time(s: &str) -> bool {
    console_time(s.trim()).is_some()
}

/// A time as Event Viewer, Get-WinEvent and slmgr print it in the machine's locale, with no
/// zone: `11/28/2026 3:15:42 AM` (month first with AM/PM), `2026/11/28 9:00:03` (year first),
/// `28.11.2026 09:14:50` (day first with dots). `03/04/2026 10:00:00` without AM/PM could be
/// either order: read only when one of the two numbers is over 12. Taken as UTC by the caller,
/// so it is off by the machine's zone (at most 14 hours).
fn console_time(s: &str) -> Option<jiff::civil::DateTime> {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let c = crate::util::re(
        &R,
        r"(?i)^(\d{1,4})([/.\-])(\d{1,2})[/.\-](\d{1,4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(AM|PM|午前|午後)?$",
    )
    .captures(s)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    let (a, sep, b, y3) = (n(1)?, &c[2], n(3)?, n(4)?);
    let (year, month, day) = if c[1].len() == 4 {
        (a, b, y3)
    } else if c[4].len() != 4 {
        return None;
    } else if sep == "." {
        (y3, b, a)
    } else if c.get(8).is_some() || b > 12 {
        (y3, a, b)
    } else if a > 12 {
        (y3, b, a)
    } else {
        return None;
    };
    let mut hour = n(5)?;
    match c.get(8).map(|m| m.as_str().to_ascii_uppercase()) {
        Some(p) if (p == "PM" || p == "午後") && hour < 12 => hour += 12,
        Some(p) if (p == "AM" || p == "午前") && hour == 12 => hour = 0,
        _ => {}
    }
    jiff::civil::DateTime::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(n(6)?).ok()?,
        i8::try_from(n(7).unwrap_or(0)).ok()?,
        0,
    )
    .ok()
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

/// Line time stamps of stamped logs (their newest line per input).
fn logged(model: &Model) -> impl Iterator<Item = (jiff::Timestamp, Provenance)> + '_ {
    model
        .machines
        .iter()
        .flat_map(|m| m.logged.iter())
        .filter_map(|s| Some((parse_time(&s.value)?, s.from.first()?.clone())))
}

/// The evidence's time: the collection time the collector recorded (the newest, when machines
/// were collected at different times), else the newest event time, else the newest line time
/// stamp of a log whose every line is stamped (the time it was logged, which a copy keeps), and
/// only then the files' modification times (they change when files are copied). None when the evidence holds no
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
    if let Some((time, from)) = logged(model).filter(|(t, _)| ok(t)).max_by_key(|(t, _)| *t) {
        return Some(AsOf {
            time,
            source: AsOfSource::Logged,
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

#[cfg(test)]
mod console_time_tests {
    use super::parse_time;

    #[test]
    fn console_times_read_in_their_locale_order_and_ambiguous_ones_do_not() {
        let t = |s: &str| parse_time(s).map(|t| t.to_string());
        assert_eq!(
            t("11/28/2026 3:15:42 AM").as_deref(),
            Some("2026-11-28T03:15:42Z")
        );
        assert_eq!(
            t("11/30/2026 6:02:17 PM").as_deref(),
            Some("2026-11-30T18:02:17Z")
        );
        assert_eq!(
            t("12/01/2026 12:05:00 AM").as_deref(),
            Some("2026-12-01T00:05:00Z")
        );
        assert_eq!(
            t("2026/11/28 9:00:03").as_deref(),
            Some("2026-11-28T09:00:03Z")
        );
        assert_eq!(
            t("28.11.2026 09:14:50").as_deref(),
            Some("2026-11-28T09:14:50Z")
        );
        assert_eq!(
            t("28/11/2026 09:14:50").as_deref(),
            Some("2026-11-28T09:14:50Z")
        );
        assert_eq!(t("03/04/2026 10:00:00"), None);
        assert_eq!(t("13/13/2026 10:00:00"), None);
        assert_eq!(t("not a time"), None);
    }
}
