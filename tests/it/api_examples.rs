//! Every operation of the OpenAPI document, sent exactly as the document's examples say: a new
//! operation without an example, or an example the server refuses, fails here.

use std::collections::BTreeSet;

use kreditomat_portal::{api::OPENAPI, auth::Role, photos::fixtures};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::{db_test, intake, review::version};

/// The operations in the order a backend meets them, with the status each example gets.
const OPERATIONS: &[(&str, u16)] = &[
    ("createApplication", 201),
    ("getApplication", 200),
    ("listEvents", 200),
    ("resubmitDocuments", 200),
    ("getCustomer", 200),
    ("recordConsent", 201),
    ("reportObligation", 200),
    ("createTicket", 201),
    ("getTicketAttachment", 200),
    ("addTicketMessage", 201),
    ("deliverMail", 201),
    ("recordCustomerActivity", 201),
    // Last: it blocks the example's customer (and opens case 1, which the documents go to).
    ("reportUnauthorisedAccess", 201),
    ("sendRestorationDocuments", 201),
];

/// `(path, method, operation)` of `id`.
fn operation<'a>(spec: &'a Value, id: &str) -> (&'a str, &'a str, &'a Value) {
    for (path, methods) in spec["paths"].as_object().unwrap() {
        for (method, op) in methods.as_object().unwrap() {
            if op["operationId"] == id {
                return (path, method, op);
            }
        }
    }
    panic!("no operation {id}");
}

/// The URL of `path` with its path parameters and query from the parameters' examples.
fn example_url(base: &str, path: &str, op: &Value) -> String {
    let mut url = path.to_string();
    let mut query = Vec::new();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap();
        let example = match &p["examples"]
            .as_object()
            .and_then(|e| e.values().next())
            .map_or(&Value::Null, |e| &e["value"])
        {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        match p["in"].as_str().unwrap() {
            "path" => {
                let example =
                    example.unwrap_or_else(|| panic!("{path}: path parameter {name} has no example"));
                url = url.replace(&format!("{{{name}}}"), &example);
            }
            "query" => {
                let example =
                    example.unwrap_or_else(|| panic!("{path}: query parameter {name} has no example"));
                query.push(format!("{name}={example}"));
            }
            _ => {}
        }
    }
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    format!("{base}{url}")
}

/// The multipart body an operation's example describes: a part whose schema is a component is
/// that component's example as JSON; any other part is a photo.
fn example_form(spec: &Value, op: &Value) -> Option<Form> {
    let media = &op["requestBody"]["content"]["multipart/form-data"];
    if media.is_null() {
        return None;
    }
    let example = media["examples"]
        .as_object()
        .and_then(|e| e.values().next())
        .and_then(|e| e["value"].as_object())
        .expect("a multipart body has an example");
    let mut form = Form::new();
    for (n, name) in example.keys().enumerate() {
        let schema = &media["schema"]["properties"][name];
        assert!(!schema.is_null(), "example part {name} is in the schema");
        form = match schema["$ref"].as_str() {
            // The part's example inline, when the body's example gives it whole.
            Some(_) if example[name].is_object() => form.part(
                name.clone(),
                Part::text(example[name].to_string()).mime_str("application/json").unwrap(),
            ),
            Some(reference) => {
                let component = reference.rsplit('/').next().unwrap();
                let json = &spec["components"]["schemas"][component]["examples"][0];
                assert!(json.is_object(), "{component} has an example");
                form.part(name.clone(), Part::text(json.to_string()).mime_str("application/json").unwrap())
            }
            None => {
                form.part(name.clone(), intake::jpeg(fixtures::selfie_jpeg(40 + n as u64, 0), "photo.jpg"))
            }
        };
    }
    Some(form)
}

db_test!(every_operation_of_the_openapi_document_answers_its_example, |app| {
    let spec: Value = serde_json::from_str(OPENAPI).unwrap();
    let mut documented = BTreeSet::new();
    for methods in spec["paths"].as_object().unwrap().values() {
        for op in methods.as_object().unwrap().values() {
            documented.insert(op["operationId"].as_str().expect("every operation has an id").to_string());
        }
    }
    let tested: BTreeSet<String> = OPERATIONS.iter().map(|(id, _)| id.to_string()).collect();
    assert_eq!(documented, tested, "every documented operation is sent here");

    let key = intake::key(&app).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let http = reqwest::Client::new();
    for (id, expected) in OPERATIONS {
        let (path, method, op) = operation(&spec, id);
        if *id == "resubmitDocuments" {
            // The example's application is waiting for documents.
            let res = app.post_form(&verifier, "/review/1/claim", &[]).await;
            assert_eq!(res.status(), 303);
            let v = version(&app, 1).await.to_string();
            let fields = [
                ("version", v.as_str()),
                ("action", "resubmit"),
                ("document", "selfie"),
                ("message", "Переснимите селфи."),
                ("confirm", "yes"),
            ];
            let res = app.post_form(&verifier, "/review/1/decide", &fields).await;
            assert_eq!(res.status(), 303);
        }
        if *id == "recordConsent" {
            // The example's policy version is recorded.
            kreditomat_portal::with_db!(&app.db, |c| sqlx::query(
                "INSERT INTO policy_versions (number, effective_on, text_ru, text_kk, created_at)
                 VALUES ('2.0', '2026-06-01', 'Политика', 'Саясат', '2026-06-01T00:00:00Z')"
            )
            .execute(c)
            .await
            .map(|_| ()))
            .unwrap();
        }
        let url = example_url(&app.base, path, op);
        let request = || {
            match method {
                "get" => http.get(&url),
                "post" => http.post(&url),
                other => panic!("{id}: method {other} not sent here"),
            }
            .bearer_auth(&key)
        };
        let json = op["requestBody"]["content"]["application/json"]["examples"]
            .as_object()
            .and_then(|e| e.values().next())
            .map(|e| e["value"].clone());
        // An operation that takes both sends each: the multipart body first.
        let mut requests = Vec::new();
        if let Some(form) = example_form(&spec, op) {
            requests.push(request().multipart(form));
        }
        if let Some(body) = json {
            requests.push(request().json(&body));
        }
        // A raw message (the mail gateway's body).
        let raw = op["requestBody"]["content"]["message/rfc822"]["examples"]
            .as_object()
            .and_then(|e| e.values().next())
            .and_then(|e| e["value"].as_str().map(str::to_string));
        if let Some(raw) = raw {
            requests.push(request().header("content-type", "message/rfc822").body(raw));
        }
        if requests.is_empty() {
            requests.push(request());
        }
        for req in requests {
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            let kind = res.headers()["content-type"].to_str().unwrap().to_string();
            let body = res.bytes().await.unwrap();
            assert_eq!(status, *expected, "{id} {url}: {}", String::from_utf8_lossy(&body));
            let documented = &op["responses"][status.to_string()]["content"][kind.as_str()];
            assert!(!documented.is_null(), "{id}: the answer's type {kind} is documented");
            if kind.contains("json") {
                let json: Value = serde_json::from_slice(&body).expect("a JSON answer");
                assert!(json.is_object(), "{id}: {}", String::from_utf8_lossy(&body));
            } else {
                assert!(!body.is_empty(), "{id}: a file");
            }
        }
    }
});

/// The example applicant is one person: the IIN encodes the stated birth date and sex.
#[test]
fn the_example_applicant_is_consistent_with_itself() {
    use kreditomat_portal::intake::iin::{EncodedSex, Iin};
    let example = intake::published_example();
    let applicant = &example["applicant"];
    let iin = Iin::parse(applicant["iin"].as_str().unwrap()).unwrap();
    assert_eq!(iin.birth_date().unwrap().to_string(), applicant["birth_date"].as_str().unwrap());
    let sex = if iin.sex() == Some(EncodedSex::Female) { "female" } else { "male" };
    assert_eq!(sex, applicant["sex"], "the IIN encodes the stated sex");
}
