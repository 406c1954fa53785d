//! The SQL of one queue page: the filters, the search and the keyset cursor as one query whose
//! every condition maps onto an index (see the review migration), for [`super::queue::page`].

use time::OffsetDateTime;

use super::{
    filter::{Assignee, Cursor, Filter, Sort},
    name_search::{self, Plan},
    search::Search,
};
use crate::i18n::ALMATY;

/// Rows the query reads: a page and one more, to know whether there is a next page.
const LIMIT: usize = super::queue::PAGE_SIZE + 1;

/// Where the key of a walk goes in the walk's query.
const KEY: &str = "\u{1}key\u{1}";

/// The columns of a row ([`super::queue::Row`]).
const COLUMNS: &str =
    "a.id, a.status, a.received_at, a.last_name, a.first_name, a.patronymic, a.iin, a.phone,
     a.amount_kzt, a.pep_declared, a.bo_declared, a.risk_signals, a.risk_count, a.claimed_by,
     a.claimed_until, s.full_name AS holder, a.compliance_state, a.birth_date, a.doc_expires_on";

/// A value bound to the query, in order (`$1`, `$2`, ...).
pub enum Param {
    Text(String),
    Int(i64),
    Time(OffsetDateTime),
}

/// The query of a page for `me` (the staff member asking) under `f`, a name search run by
/// `plan`; its rows in the page's order are the query's rows sorted by [`order`].
pub fn page(me: i64, f: &Filter, plan: Option<&Plan>) -> (String, Vec<Param>) {
    page_of(me, f, plan, COLUMNS)
}

/// [`page`] selecting `columns` of `applications a` (`staff s` is the holder).
pub fn page_of(me: i64, f: &Filter, plan: Option<&Plan>, columns: &str) -> (String, Vec<Param>) {
    let mut params: Vec<Param> = Vec::new();
    let arg = |p: Param, params: &mut Vec<Param>| {
        params.push(p);
        format!("${}", params.len())
    };
    // A name search in queue order walks the name index ([`name_search`]); the time and id of
    // the order are then the index's own columns.
    let walk = plan.and_then(|p| p.walk.clone());
    let mut walked_keys: Vec<String> = Vec::new();
    let mut walked_pairs = false;
    let in_order = matches!(f.sort, Sort::Oldest | Sort::Newest);
    let mut sql = String::new();
    let (time_col, id_col) = match walk.as_ref().filter(|_| in_order) {
        Some(w) => {
            let (table, column) = w.table();
            walked_keys = w.keys().iter().map(|k| arg(Param::Text(k.clone()), &mut params)).collect();
            walked_pairs = matches!(w, name_search::Walk::Pairs(_));
            // The application is read in the walk only for a condition on it. CROSS JOIN:
            // SQLite keeps the name index as the outer loop. One key at a time (`KEY`): each
            // key is walked in its own branch (below).
            let on_application = (f.status.is_some() && !walked_pairs)
                || f.declared.is_some()
                || f.risk
                || f.assignee != Assignee::Anyone;
            if on_application {
                sql.push_str(&format!(
                    " FROM {table} t CROSS JOIN applications a WHERE a.id = t.application_id AND t.{column} = {KEY}"
                ));
            } else {
                sql.push_str(&format!(" FROM {table} t WHERE t.{column} = {KEY}"));
            }
            ("t.received_at", "t.application_id")
        }
        None => {
            sql.push_str(" FROM applications a LEFT JOIN staff s ON s.id = a.claimed_by WHERE 1 = 1");
            ("a.received_at", "a.id")
        }
    };
    if let Some(s) = f.status {
        let n = arg(Param::Text(s.into()), &mut params);
        // A walk of name pairs reads the status off the pair rows, in the index's order.
        let column = if walked_pairs { "t.status" } else { "a.status" };
        sql.push_str(&format!(" AND {column} = {n}"));
    }
    if let Some(d) = f.from {
        let n = arg(Param::Time(d.midnight().assume_offset(ALMATY)), &mut params);
        sql.push_str(&format!(" AND {time_col} >= {n}"));
    }
    if let Some(d) = f.to {
        let end = d.next_day().unwrap_or(d).midnight().assume_offset(ALMATY);
        let n = arg(Param::Time(end), &mut params);
        sql.push_str(&format!(" AND {time_col} < {n}"));
    }
    if let Some(d) = f.declared {
        // The first term is the partial index's own condition, so the index is used.
        sql.push_str(" AND (a.pep_declared OR a.bo_declared)");
        match d {
            "pep" => sql.push_str(" AND a.pep_declared"),
            "bo" => sql.push_str(" AND a.bo_declared"),
            _ => {}
        }
    }
    if f.risk {
        sql.push_str(" AND a.risk_signals <> 0");
    }
    match f.assignee {
        Assignee::Anyone => {}
        Assignee::Me => {
            let n = arg(Param::Int(me), &mut params);
            sql.push_str(&format!(" AND a.claimed_by = {n}"));
        }
        Assignee::Staff(id) => {
            let n = arg(Param::Int(id), &mut params);
            sql.push_str(&format!(" AND a.claimed_by = {n}"));
        }
        Assignee::Nobody => sql.push_str(" AND a.claimed_by IS NULL"),
    }
    match &f.search {
        None => {}
        Some(Search::Iin(iin)) => {
            let n = arg(Param::Text(iin.clone()), &mut params);
            sql.push_str(&format!(" AND a.iin = {n}"));
        }
        Some(Search::Phone(p)) => {
            let n = arg(Param::Text(p.clone()), &mut params);
            sql.push_str(&format!(" AND a.phone = {n}"));
        }
        Some(Search::Number(id)) => {
            let n = arg(Param::Int(*id), &mut params);
            sql.push_str(&format!(" AND a.id = {n}"));
        }
        Some(Search::External(x)) => {
            let n = arg(Param::Text(x.clone()), &mut params);
            sql.push_str(&format!(" AND a.external_id = {n}"));
        }
        Some(Search::Email(e)) => {
            let n = arg(Param::Text(e.clone()), &mut params);
            sql.push_str(&format!(" AND a.email = {n}"));
        }
        Some(Search::Name(words)) => {
            let (driver, covered) = plan.map_or((0, &[][..]), |p| (p.driver, &p.covered[..]));
            if let Some(w) = walk.as_ref().filter(|_| !in_order) {
                // Sorted by amount or risk: the walk's applications are collected and sorted.
                let (table, column) = w.table();
                let keys: Vec<String> =
                    w.keys().iter().map(|k| arg(Param::Text(k.clone()), &mut params)).collect();
                let keys = keys.join(", ");
                sql.push_str(&format!(
                    " AND a.id IN (SELECT d.application_id FROM {table} d WHERE d.{column} IN ({keys}))"
                ));
            }
            for i in 0..words.len() {
                if walk.is_some() && covered.contains(&i) {
                    continue;
                }
                let (lo, hi) = name_search::bounds(words, i);
                let lo = arg(Param::Text(lo), &mut params);
                let hi = arg(Param::Text(hi), &mut params);
                if i == driver && walk.is_none() {
                    sql.push_str(&format!(
                        " AND a.id IN (SELECT d.application_id FROM application_name_tokens d
                                       WHERE d.token >= {lo} AND d.token < {hi})"
                    ));
                } else {
                    sql.push_str(&format!(
                        " AND EXISTS (SELECT 1 FROM application_name_tokens u
                                      WHERE u.application_id = {id_col} AND u.token >= {lo} AND u.token < {hi})"
                    ));
                }
            }
        }
    }
    match f.after {
        None => {}
        Some(Cursor::Time(at, id)) => {
            let t = arg(Param::Time(at), &mut params);
            let i = arg(Param::Int(id), &mut params);
            let op = if f.sort == Sort::Newest { "<" } else { ">" };
            sql.push_str(&format!(" AND ({time_col}, {id_col}) {op} ({t}, {i})"));
        }
        Some(Cursor::Amount(amount, id)) => {
            let m = arg(Param::Int(amount), &mut params);
            let i = arg(Param::Int(id), &mut params);
            sql.push_str(&format!(" AND (a.amount_kzt, a.id) < ({m}, {i})"));
        }
        Some(Cursor::Risk(risk, at, id)) => {
            let r = arg(Param::Int(risk), &mut params);
            let t = arg(Param::Time(at), &mut params);
            let i = arg(Param::Int(id), &mut params);
            sql.push_str(&format!(
                " AND (a.risk_count < {r} OR (a.risk_count = {r} AND (a.received_at, a.id) > ({t}, {i})))"
            ));
        }
    }
    let order = match f.sort {
        Sort::Oldest => format!("{time_col}, {id_col}"),
        Sort::Newest => format!("{time_col} DESC, {id_col} DESC"),
        Sort::Amount => "a.amount_kzt DESC, a.id DESC".to_string(),
        Sort::Risk => "a.risk_count DESC, a.received_at, a.id".to_string(),
    };
    sql.push_str(&format!(" ORDER BY {order} LIMIT {LIMIT}"));
    if walked_keys.is_empty() {
        return (format!("SELECT {columns}{sql}"), params);
    }
    // A walk: each key's walk stops after a page, the pages are merged, an application found
    // by two keys comes once (UNION), and only the merged page's applications are read.
    let branches: Vec<String> = walked_keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let branch = sql.replace(KEY, k);
            format!(
                "SELECT * FROM (SELECT t.application_id AS id, t.received_at AS received_at{branch}) AS w{i}"
            )
        })
        .collect();
    let merged = if f.sort == Sort::Newest { "received_at DESC, id DESC" } else { "received_at, id" };
    let sql = format!(
        "SELECT {columns} FROM ({} ORDER BY {merged} LIMIT {LIMIT}) m
         CROSS JOIN applications a LEFT JOIN staff s ON s.id = a.claimed_by WHERE a.id = m.id",
        branches.join(" UNION ")
    );
    (sql, params)
}

/// The order of the page's rows, in the columns of the query [`page`] makes.
pub fn order(sort: Sort) -> &'static str {
    match sort {
        Sort::Oldest => "received_at, id",
        Sort::Newest => "received_at DESC, id DESC",
        Sort::Amount => "amount_kzt DESC, id DESC",
        Sort::Risk => "risk_count DESC, received_at, id",
    }
}
