//! Clusters: the inventory, the audit of every VM against every node it may run on, the AVMA
//! activation ledger, and what-if simulation. Pure: inventories, models and scenarios in;
//! reports, event logs and evidence text out.

pub mod audit;
pub mod evidence_out;
pub mod inventory;
pub mod ledger;
pub mod redact;
pub mod simulate;
