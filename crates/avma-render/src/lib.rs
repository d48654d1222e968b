//! The render layer: commands build a [`Doc`] (headings, paragraphs, tables, code blocks,
//! findings, figures) and printers turn it into text, Markdown or HTML. SARIF and the Prometheus
//! exposition format are printers too, of their own small inputs.
//!
//! Pure: a document in, a string out. No IO, no clock, no environment. Every string of a document
//! is data (it may come from hostile evidence): each printer escapes it for its format — HTML
//! escapes markup, text and Markdown neutralise control characters, Markdown escapes its syntax.
//! Printers hold no sentences: every label arrives in the document, already translated.

pub mod csv;
pub mod doc;
pub mod escape;
pub mod html;
pub mod markdown;
pub mod prometheus;
pub mod sarif;
pub mod text;

pub use doc::*;
