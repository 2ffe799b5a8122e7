//! The OpenAPI 3.1 document of API v1, served at `/v1/openapi.json`. It is written by
//! `scripts/gen-openapi.py` and checked here against the router's routes, so the contract and
//! the code cannot drift apart silently.

/// The document, as served.
pub const DOCUMENT: &str = include_str!("openapi.json");

/// Every route the router serves, as `(method, OpenAPI path)`.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/v1/openapi.json"),
    ("get", "/healthz"),
    ("get", "/status"),
    ("post", "/v1/applicants"),
    ("get", "/v1/applicants"),
    ("get", "/v1/applicants/{id}"),
    ("put", "/v1/applicants/{id}/level1"),
    ("post", "/v1/applicants/{id}/documents"),
    ("post", "/v1/applicants/{id}/submit"),
    ("get", "/v1/applicants/{id}/permissions"),
    ("post", "/v1/applicants/{id}/events"),
    ("get", "/v1/applicants/{id}/events"),
    ("post", "/v1/applicants/{id}/access-tokens"),
    ("post", "/v1/webhooks"),
    ("get", "/v1/webhooks"),
    ("get", "/v1/webhooks/{id}/deliveries"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_document_is_openapi_3_1_and_lists_exactly_the_routes() {
        let doc: Value = serde_json::from_str(DOCUMENT).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        let paths = doc["paths"].as_object().unwrap();
        let mut documented = Vec::new();
        for (path, item) in paths {
            for method in item.as_object().unwrap().keys() {
                documented.push((method.clone(), path.clone()));
            }
        }
        let mut served: Vec<(String, String)> = ROUTES
            .iter()
            .map(|(m, p)| (m.to_string(), p.to_string()))
            .collect();
        documented.sort();
        served.sort();
        assert_eq!(documented, served);
    }

    #[test]
    fn every_reference_resolves_and_every_error_code_is_in_the_table() {
        let doc: Value = serde_json::from_str(DOCUMENT).unwrap();
        fn refs(value: &Value, out: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (k, v) in map {
                        if k == "$ref" {
                            out.push(v.as_str().unwrap_or_default().to_string());
                        } else {
                            refs(v, out);
                        }
                    }
                }
                Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(!found.is_empty());
        for reference in found {
            let name = reference.trim_start_matches("#/components/schemas/");
            assert!(
                doc["components"]["schemas"].get(name).is_some(),
                "{reference}"
            );
        }
        let codes: Vec<&str> = doc["components"]["schemas"]["Error"]["properties"]["error"]
            ["properties"]["code"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let table: Vec<&str> = crate::error::ERRORS.iter().map(|e| e.code).collect();
        assert_eq!(codes, table);
    }
}
