//! Output escaping: the one module is `avma_render::escape` (pure, shared with the printers);
//! re-exported here so the CLI edge (`out.rs`) and the commands name it `crate::escape`.

pub use avma_render::escape::*;
