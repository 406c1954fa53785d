//! The portal's integration tests: one binary, each test against a real server and a fresh
//! database, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

mod harness;

mod access_list;
mod api_examples;
mod api_keys;
mod audit;
mod auth;
mod browser;
mod compliance_casework;
mod customer_actions;
mod customer_api;
mod customers;
mod demo;
mod disclosures;
mod durability;
mod events_feed;
mod i18n;
mod intake;
mod jobs;
mod mail_in;
mod memory;
mod passkeys;
mod personal_data;
mod retention;
mod review;
mod review_checks;
mod review_decisions;
mod review_photos;
mod review_queue;
mod routes;
mod screening;
mod screening_changes;
mod second_factor;
mod security;
mod sessions;
mod settings;
mod sign_in_throttle;
mod staff;
mod storage;
mod support;
mod support_files;
mod support_requests;
mod support_targets;
