//! One error type for handlers: an HTTP status and a message for people. API routes answer it
//! as `{"error": message}`, pages as an HTML page.

use axum::http::StatusCode;
use lossatlas::{ErrorKind, LossError};

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WebError {
    pub status: StatusCode,
    pub message: String,
}

impl WebError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        WebError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        WebError { status: StatusCode::NOT_FOUND, message: message.into() }
    }
    pub fn internal(message: impl Into<String>) -> Self {
        WebError { status: StatusCode::INTERNAL_SERVER_ERROR, message: message.into() }
    }
    pub fn no_entry(id: &str) -> Self {
        let hits = lossatlas::catalog::search::search(id, &Default::default(), lossatlas::catalog::search::Sort::Relevance);
        let sugg: Vec<&str> = hits.iter().take(3).map(|(_, e)| e.id).collect();
        let hint = if sugg.is_empty() { String::new() } else { format!("; did you mean {}?", sugg.join(", ")) };
        WebError::not_found(format!("no entry {id:?}{hint}"))
    }
}

impl From<LossError> for WebError {
    /// A bug inside a loss (a caught panic) is the server's fault; anything else is the input's.
    fn from(e: LossError) -> Self {
        match e.kind {
            ErrorKind::Internal => WebError::internal(e.to_string()),
            _ => WebError::bad_request(e.to_string()),
        }
    }
}
