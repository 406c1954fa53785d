//! Kreditomat staff portal: the back office where the staff of MFO "Vzaimy" act on the data the
//! Kreditomat app collects, in Russian and Kazakh.
//!
//! A map of the code:

/// A person's own account: language and password.
pub mod account;
/// The API for the app's backend: keys, problem details, OpenAPI.
pub mod api;
/// The hash-chained audit trail and its page.
pub mod audit;
/// Staff sign-in, sessions, roles, throttling.
pub mod auth;
/// The command line.
pub mod cli;
/// Runtime settings.
pub mod config;
/// Customers: one record per person, their applications, accounts and timeline.
pub mod consents;
pub mod customers;
/// Managers' dashboards: daily rollups, charts drawn on the server, exports.
pub mod dashboards;
/// One handle for SQLite and PostgreSQL.
pub mod db;
/// Demo data for `kreditomat-portal demo`.
pub mod demo;
pub mod disclosures;
/// The web layer's error type.
pub mod error;
/// The event outbox and its feed.
pub mod events;
/// `/healthz` and `/readyz`.
pub mod health;
/// The home page.
pub mod home;
/// Fluent catalogs, language negotiation, dates and numbers.
pub mod i18n;
/// KYC intake through the API.
pub mod intake;
/// Durable background jobs: the queue every process's workers take from, and its page.
pub mod jobs;
/// Email on the support desk: the mail gateway's API, reading messages, threading.
pub mod mail;
/// The photo pipeline and storage.
pub mod photos;
pub mod quality;
/// Access restoration after a report of unauthorised access (policy 5.7).
pub mod restoration;
/// KYC review: queue, review page, checks, signals, decisions.
pub mod review;
/// PEP and beneficial-owner screening: lists, name matching, hits, four-eyes approval.
pub mod screening;
/// Fraud signals: what an application shares with others, near-identical photos, the
/// applicant's own problems.
pub mod signals;
/// Staff administration.
pub mod staff;
/// The support desk: tickets, their queue and clocks, the policy's requests.
pub mod support;
/// Router, middleware, layout, static assets.
pub mod web;
