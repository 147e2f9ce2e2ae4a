//! The web atlas of Loss Atlas.

pub mod svg;
