//! The applicant's status page, `GET /status?token=...`: the link in every decision e-mail.
//! It shows, in the applicant's language, where the verification stands and, for each reason,
//! what to do. The token is the applicant access token the e-mail carries; the page shows no
//! personal data beyond the status and reasons.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::state::AppState;
use crate::views::{decision_of, lang_of};

pub fn router(state: AppState) -> Router {
    Router::new().route("/status", get(page)).with_state(state)
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

use kyc_notify::email::escape_html as escape;

async fn page(State(state): State<AppState>, Query(query): Query<TokenQuery>) -> Response {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let Some((tenant, applicant)) = query
        .token
        .as_deref()
        .and_then(|token| state.tokens.verify(token, now))
    else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(shell(
                "en",
                "<p>This link has expired or is not valid. Ask for a new one.</p>",
            )),
        )
            .into_response();
    };
    let applicant = match state.store.get_applicant(tenant, applicant).await {
        Ok(applicant) => applicant,
        Err(_) => {
            return (
                StatusCode::NOT_FOUND,
                Html(shell("en", "<p>Nothing to show for this link.</p>")),
            )
                .into_response();
        }
    };
    let lang = lang_of(&applicant);
    let decision = state
        .store
        .latest_decision(applicant.id)
        .await
        .ok()
        .flatten();
    let mut body = format!(
        "<p>Status: <strong id=\"status\">{}</strong></p>",
        escape(&applicant.status.as_str().replace('_', " "))
    );
    if let Some(decision) = decision.as_ref().and_then(decision_of) {
        body.push_str("<ul>");
        for reason in decision.applicant_reasons(lang) {
            body.push_str(&format!(
                "<li class=\"reason\" data-code=\"{}\"><p>{}</p><p>{}</p></li>",
                escape(reason.code.map(|c| c.as_str()).unwrap_or("")),
                escape(reason.message),
                escape(reason.remedy)
            ));
        }
        body.push_str("</ul>");
    }
    Html(shell(lang.tag(), &body)).into_response()
}

fn shell(lang: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width\"><title>kycd</title></head><body><main>{body}</main></body></html>",
        escape(lang)
    )
}
