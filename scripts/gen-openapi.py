#!/usr/bin/env python3
"""Writes crates/kyc-server/src/openapi.json, the API's public contract (a test checks it against the router)."""
import json, os
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def err(desc): return {"description": desc, "content": {"application/json": {"schema": ref("Error")}}}
def ok(desc, schema, code="200"): return {code: {"description": desc, "content": {"application/json": {"schema": schema}}}}
E = {"401": err("unauthenticated"), "403": err("forbidden"), "404": err("not_found")}
idem = {"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 255},
        "description": "The first response to this key is stored and replayed to later requests with the same key and body."}
app_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
def op(summary, responses, body=None, params=(), post=False, tags=("applicants",)):
    o = {"summary": summary, "tags": list(tags), "parameters": list(params) + ([idem] if post else []), "responses": responses}
    if body: o["requestBody"] = body
    return o
jbody = lambda s: {"required": True, "content": {"application/json": {"schema": s}}}
s = {}
s["Error"] = {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
    "code": {"type": "string", "enum": ["unauthenticated","forbidden","not_found","invalid_request","validation_failed","file_refused","conflict","invalid_state","idempotency_key_reused","idempotency_in_progress","payload_too_large","internal","unavailable"]},
    "message": {"type": "string"}, "details": {}}}, "reasons": {"type": "array", "items": ref("Reason")}}}
s["Reason"] = {"type": "object", "required": ["code", "message", "remedy", "retry"], "properties": {
    "code": {"type": ["string", "null"], "description": "A reason code of `kycd reasons`; null for the neutral text that stands for reasons not explained to applicants."},
    "message": {"type": "string"}, "remedy": {"type": "string"}, "retry": {"type": "boolean"}}}
s["Finding"] = {"allOf": [ref("Reason"), {"type": "object", "properties": {"evidence": {"description": "The numbers behind the finding (measured value and threshold)."}}}]}
s["Level"] = {"type": "string", "enum": ["unverified", "primary", "advanced"]}
s["Status"] = {"type": "string", "enum": ["draft","submitted","processing","approved","resubmission_requested","rejected","in_review"]}
s["Decision"] = {"type": "object", "required": ["status", "reasons", "decided_at"], "properties": {
    "status": {"type": "string", "enum": ["approved","resubmission_requested","rejected","in_review"]},
    "attempt": {"type": "integer"}, "retry": {"type": "boolean"},
    "reasons": {"type": "array", "items": ref("Reason")}, "decided_at": {"type": "string", "format": "date-time"},
    "details": {"type": "array", "description": "API keys only: every reason with its outcome and evidence, including reasons never explained to applicants."}}}
s["Applicant"] = {"type": "object", "required": ["id","external_user_id","level","status","attempt","decision"], "properties": {
    "id": {"type": "string", "format": "uuid"}, "external_user_id": {"type": "string"}, "email": {"type": "string"},
    "language": {"type": "string"}, "level": ref("Level"), "status": ref("Status"), "attempt": {"type": "integer", "minimum": 0},
    "decision": {"oneOf": [ref("Decision"), {"type": "null"}]},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}}
s["NewApplicant"] = {"type": "object", "additionalProperties": False, "required": ["external_user_id", "email"], "properties": {
    "external_user_id": {"type": "string", "minLength": 1, "maxLength": 128, "description": "Your user id; unique per tenant."},
    "email": {"type": "string", "format": "email"},
    "language": {"type": "string", "enum": ["en","zh-CN","es","ru","vi","tr","pt","ko","ja","fr"], "default": "en"}}}
s["Level1"] = {"type": "object", "additionalProperties": False, "required": ["full_name","birth_date","nationality","residence_country","address","document_type","document_number"], "properties": {
    "full_name": {"type": "string", "maxLength": 200}, "birth_date": {"type": "string", "format": "date"},
    "nationality": {"type": "string", "description": "ISO 3166-1 alpha-3 (alpha-2 accepted)"},
    "residence_country": {"type": "string"}, "address": {"type": "string", "maxLength": 500},
    "document_type": {"type": "string", "enum": ["passport", "id_card", "driving_licence"]},
    "document_number": {"type": "string", "maxLength": 30}}}
s["Permissions"] = {"type": "object", "required": ["level","can_deposit","can_trade","can_withdraw","withdrawal_limit_24h","currency"], "properties": {
    "applicant_id": {"type": "string"}, "level": ref("Level"), "status": ref("Status"), "can_deposit": {"type": "boolean"}, "can_trade": {"type": "boolean"},
    "can_withdraw": {"type": "boolean"}, "withdrawal_limit_24h": {"type": "integer", "minimum": 0}, "currency": {"type": "string"}}}
paths = {}
paths["/v1/applicants"] = {
  "post": op("Create an applicant", {**ok("Created", {"type": "object", "required": ["id","level","status"], "properties": {"id": {"type": "string"}, "level": ref("Level"), "status": ref("Status")}}, "201"),
      "409": err("external_user_id already used"), "422": err("validation_failed"), "401": err("unauthenticated"), "403": err("forbidden")}, jbody(ref("NewApplicant")), post=True),
  "get": op("List applicants (oldest first)", {**ok("A page", {"type": "object", "properties": {"items": {"type": "array", "items": ref("Applicant")}, "next_after": {"type": ["string", "null"]}}}), "401": err("unauthenticated"), "403": err("forbidden")},
      params=[{"name": "after", "in": "query", "schema": {"type": "string"}}, {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}}])}
paths["/v1/applicants/{id}"] = {"get": op("An applicant and its latest decision", {**ok("The applicant", ref("Applicant")), **E}, params=[app_id])}
paths["/v1/applicants/{id}/level1"] = {"put": op("Give level 1 (primary) data; checked at once", {**ok("Saved", {"type": "object", "required": ["status", "findings"], "properties": {"status": ref("Status"), "level": ref("Level"), "accepted": {"type": "boolean"}, "findings": {"type": "array", "items": ref("Finding")}}}),
    "409": err("invalid_state"), "422": err("validation_failed"), **E}, jbody(ref("Level1")), params=[app_id])}
paths["/v1/applicants/{id}/documents"] = {"post": op("Upload a document side or the selfie (the upload gate answers at once)",
    {**ok("Stored", {"type": "object", "required": ["id", "findings"], "properties": {"id": {"type": "string"}, "role": {"type": "string"}, "attempt": {"type": "integer"}, "findings": {"type": "array", "items": ref("Finding")}}}, "201"),
     "422": err("file_refused: `reasons` says why (FILE_FORMAT_UNSUPPORTED, FILE_TOO_LARGE, FILE_UNREADABLE)"), "409": err("invalid_state"), "413": err("payload_too_large"), "400": err("invalid_request"), **E},
    {"required": True, "content": {"multipart/form-data": {"schema": {"type": "object", "required": ["file", "role"], "properties": {"file": {"type": "string", "contentMediaType": "application/octet-stream"}, "role": {"type": "string", "enum": ["document_front", "document_back", "selfie"]}}}}}},
    params=[app_id], post=True)}
paths["/v1/applicants/{id}/submit"] = {"post": op("Submit for verification (a new attempt)", {"202": {"description": "Queued", "content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}, "status": ref("Status"), "attempt": {"type": "integer"}}}}}}, "409": err("invalid_state (level 1 or files missing, or not in draft / resubmission_requested)"), **E}, params=[app_id], post=True)}
paths["/v1/applicants/{id}/permissions"] = {"get": op("What the applicant may do, from its level and the policy", {**ok("Permissions", ref("Permissions")), **E}, params=[app_id])}
ev = {"type": "object", "additionalProperties": False, "required": ["type"], "properties": {"type": {"type": "string", "enum": ["deposit", "withdrawal", "profile_change", "login"]}, "data": {"type": "object"}}}
paths["/v1/applicants/{id}/events"] = {
  "post": op("Record an account event (stored for monitoring)", {**ok("Stored", {"type": "object", "properties": {"id": {"type": "string"}, "type": {"type": "string"}, "created_at": {"type": "string"}}}, "201"), "422": err("validation_failed"), **E}, jbody(ev), params=[app_id], post=True),
  "get": op("The applicant's account events", {**ok("Events", {"type": "object", "properties": {"items": {"type": "array"}}}), **E}, params=[app_id])}
paths["/v1/applicants/{id}/access-tokens"] = {"post": op("A short-lived access token for the applicant's identification page", {**ok("Token", {"type": "object", "required": ["token", "expires_at"], "properties": {"token": {"type": "string"}, "expires_at": {"type": "string", "format": "date-time"}}}, "201"), **E}, params=[app_id], post=True)}
wh = {"type": "object", "additionalProperties": False, "required": ["url", "secret"], "properties": {"url": {"type": "string", "format": "uri"}, "secret": {"type": "string", "minLength": 16, "maxLength": 256}}}
paths["/v1/webhooks"] = {
  "post": op("Register a webhook endpoint (events applicant.created, applicant.submitted, applicant.reviewed; signed `Kycd-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"{t}.{body}\">`)", {**ok("Registered", {"type": "object", "properties": {"id": {"type": "string"}, "url": {"type": "string"}, "events": {"type": "array", "items": {"type": "string"}}, "created_at": {"type": "string"}}}, "201"), "422": err("validation_failed"), "401": err("unauthenticated"), "403": err("forbidden")}, jbody(wh), post=True, tags=("webhooks",)),
  "get": op("The tenant's webhook endpoints", {**ok("Endpoints", {"type": "object", "properties": {"items": {"type": "array"}}}), "401": err("unauthenticated"), "403": err("forbidden")}, tags=("webhooks",))}
paths["/v1/webhooks/{id}/deliveries"] = {"get": op("The delivery log of one endpoint", {**ok("Deliveries", {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {"event_id": {"type": "string"}, "attempt": {"type": "integer"}, "at": {"type": "string"}, "status_code": {"type": ["integer", "null"]}, "error": {"type": ["string", "null"]}, "delivered": {"type": "boolean"}}}}}}), **E}, params=[{**app_id}], tags=("webhooks",))}
paths["/v1/openapi.json"] = {"get": {"summary": "This document", "security": [], "tags": ["meta"], "responses": {"200": {"description": "OpenAPI 3.1"}}}}
paths["/healthz"] = {"get": {"summary": "Liveness and database reachability", "security": [], "tags": ["meta"], "responses": {"200": {"description": "ok"}, "503": err("unavailable")}}}
paths["/status"] = {"get": {"summary": "The applicant's status page (HTML), reached from the e-mail link", "security": [], "tags": ["pages"], "parameters": [{"name": "token", "in": "query", "required": True, "schema": {"type": "string"}}], "responses": {"200": {"description": "HTML page"}, "401": {"description": "Expired or invalid link (HTML)"}}}}
doc = {"openapi": "3.1.0", "info": {"title": "kycd API", "version": "1", "description": "The REST API of kycd, a self-hosted KYC verification service. Authenticate with `Authorization: Bearer <API key>` (backend) or an applicant access token (`kat_...`, for the applicant's own record). Every POST accepts an `Idempotency-Key`. Errors are `{\"error\": {\"code\", \"message\", \"details\"}}` with the codes listed in docs/api.md."},
  "servers": [{"url": "http://127.0.0.1:8080"}], "security": [{"bearer": []}],
  "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": s}, "paths": paths}
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "kyc-server", "src", "openapi.json"), "w").write(json.dumps(doc, indent=1) + "\n")
