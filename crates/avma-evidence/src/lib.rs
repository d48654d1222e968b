//! Evidence readers and the one model of machines and clusters.
//!
//! Readers turn collected artifacts into [`observe::Observation`]s (a fact and where it was
//! seen); [`model`] folds them into machines and clusters. Pure: the caller reads files and
//! hands over bytes or decoded text.

pub mod asof;
pub mod clean;
pub mod clue;
pub mod csvexport;
pub mod detect;
pub mod dism;
pub mod eventtable;
pub mod eventtext;
pub mod eventxml;
pub mod evtx;
pub mod mdtable;
pub mod model;
pub mod observe;
pub mod osversion;
pub mod powershell;
pub mod pserror;
pub mod psevents;
pub mod redact;
pub mod slmgr;
pub mod slmgrcmd;
pub mod systeminfo;
pub mod table;
pub mod util;
pub mod wmic;
