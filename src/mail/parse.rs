//! An email as the support desk takes it, read with `mail-parser` (any charset, quoted-printable
//! and base64, encoded words in headers): who sent it, what it answers, its text (the plain part,
//! or the HTML part turned into text, never kept as HTML), with the quoted history of a reply
//! folded away, and its files.

use mail_parser::{HeaderValue, MessageParser, MimeHeaders, PartType};

/// The most MIME parts a message may have; past it the message is refused as never takeable.
pub const MAX_PARTS: usize = 600;

/// A file attached to a message.
pub struct File {
    pub name: String,
    /// The type the sender declared.
    pub declared: String,
    pub bytes: Vec<u8>,
}

/// What the portal takes from a message.
pub struct Parsed {
    /// The Message-ID without angle brackets, if it has one.
    pub message_id: Option<String>,
    /// The Message-IDs it answers (`In-Reply-To`, then `References`, newest first).
    pub answers: Vec<String>,
    /// The sender's address, in lower case.
    pub from: String,
    pub from_name: Option<String>,
    pub subject: String,
    /// The new text: the quoted history of a reply folded away.
    pub text: String,
    /// What was folded away (the quoted history), kept for the agent.
    pub quoted: Option<String>,
    /// An auto-reply or bulk mail: never answered automatically.
    pub automatic: bool,
    /// The mail server that took the message found its sender's domain verified (DMARC pass,
    /// or a DKIM signature of the From domain), as its `Authentication-Results` header says;
    /// `None` when no such server is configured.
    pub verified: Option<bool>,
    pub files: Vec<File>,
    /// `kk` when the text has letters only Kazakh has, else `ru`.
    pub language: &'static str,
}

/// Why a message can never be taken.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("not an RFC 5322 message")]
    NotMail,
    #[error("the message has no sender address")]
    NoSender,
    #[error("the message has more than {MAX_PARTS} MIME parts")]
    TooManyParts,
}

/// The Message-IDs of a header (`<a@b> <c@d>`), without angle brackets.
fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// A Message-ID as the portal keeps it: visible ASCII without spaces or angle brackets, at most
/// 500 characters; anything else is no Message-ID.
fn clean_id(id: &str) -> Option<String> {
    let id = id.trim();
    (!id.is_empty() && id.len() <= 500 && id.bytes().all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>'))
        .then(|| id.to_string())
}

/// An address as the portal keeps it: `local@domain`, visible ASCII or letters, no spaces,
/// quotes, angle brackets or control characters.
fn clean_address(address: &str) -> Option<String> {
    let a = address.trim().to_lowercase();
    let (local, domain) = a.rsplit_once('@')?;
    let fine = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| !c.is_control() && !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | ',' | ';'))
    };
    (a.len() <= 254 && fine(local) && fine(domain) && domain.contains('.')).then_some(a)
}

/// Whether the `Authentication-Results` headers of `auth_server` (its own id, the first field)
/// say the sender's domain `domain` is verified: DMARC passed, or a DKIM signature of that
/// domain. Headers of other servers are ignored: a sender can write any header.
fn verified(message: &mail_parser::Message<'_>, auth_server: &str, domain: &str) -> bool {
    let server = auth_server.to_ascii_lowercase();
    message
        .header_values("Authentication-Results")
        .filter_map(|v| v.as_text())
        .map(|t| t.to_ascii_lowercase())
        .filter(|t| {
            t.split(';').next().is_some_and(|id| id.split_whitespace().next() == Some(server.as_str()))
        })
        .any(|t| {
            t.split(';').skip(1).any(|clause| {
                let words: Vec<&str> = clause.split_whitespace().collect();
                let has = |w: &str| words.contains(&w);
                has("dmarc=pass")
                    || (has("dkim=pass") && words.iter().any(|w| *w == format!("header.d={domain}").as_str()))
            })
        })
}

/// Reads `raw`; with `auth_server` (the id in the `Authentication-Results` headers of the
/// mail server that receives the support address's mail), whether the sender is verified.
pub fn parse(raw: &[u8], auth_server: Option<&str>) -> Result<Parsed, ParseError> {
    let message = MessageParser::default().parse(raw).ok_or(ParseError::NotMail)?;
    if message.parts.len() > MAX_PARTS {
        return Err(ParseError::TooManyParts);
    }
    let sender = message.from().and_then(|a| a.first());
    let from = sender.and_then(|a| a.address()).and_then(clean_address).ok_or(ParseError::NoSender)?;
    let domain = from.rsplit_once('@').map_or("", |(_, d)| d);
    let verified = auth_server.map(|server| verified(&message, server, domain));
    let from_name = sender
        .and_then(|a| a.name())
        .map(|n| n.chars().filter(|c| !c.is_control()).take(200).collect::<String>())
        .filter(|n| !n.trim().is_empty());
    let mut answers = ids(message.in_reply_to());
    for r in ids(message.references()).into_iter().rev() {
        if !answers.contains(&r) {
            answers.push(r);
        }
    }
    let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let automatic = header("Auto-Submitted").is_some_and(|v| v != "no")
        || header("Precedence").is_some_and(|v| matches!(v.as_str(), "bulk" | "list" | "junk"))
        || header("X-Autoreply").is_some()
        || header("X-Autorespond").is_some()
        || header("Return-Path").is_some_and(|v| v == "<>");
    // Every text part: a phone client splits the text around an inline photo.
    let body: Vec<String> =
        (0..message.text_body_count()).filter_map(|i| message.body_text(i)).map(|t| t.into_owned()).collect();
    let body = body.join("\n").replace("\r\n", "\n");
    let (text, quoted) = fold(&body);
    let mut files = Vec::new();
    for part in message.attachments() {
        let bytes = match &part.body {
            PartType::Binary(b) | PartType::InlineBinary(b) => b.to_vec(),
            PartType::Text(t) | PartType::Html(t) => t.as_bytes().to_vec(),
            // A forwarded message: kept as the file it is.
            PartType::Message(m) => m.raw_message.to_vec(),
            PartType::Multipart(_) => continue,
        };
        let declared = part
            .content_type()
            .map(|c| match c.subtype() {
                Some(s) => format!("{}/{}", c.ctype(), s),
                None => c.ctype().to_string(),
            })
            .unwrap_or_default()
            .to_ascii_lowercase();
        let name = part.attachment_name().map(str::to_string).unwrap_or_else(|| "attachment".into());
        files.push(File { name, declared, bytes });
    }
    let language =
        if text.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c)) { "kk" } else { "ru" };
    Ok(Parsed {
        message_id: message.message_id().and_then(clean_id),
        answers: answers.iter().filter_map(|a| clean_id(a)).take(50).collect(),
        from,
        from_name,
        subject: message.subject().unwrap_or("").trim().to_string(),
        text,
        quoted,
        automatic,
        verified,
        files,
        language,
    })
}

/// An attribution line before a quote: "On Mon, 1 Dec 2026 Aigerim <a@b.kz> wrote:",
/// "1 декабря 2026 г., Айгерим написал(а):", "... жазды:".
fn attribution(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    l.ends_with(':')
        && ["wrote", "написал", "пишет", "жазды", "жазған"].iter().any(|w| l.contains(w))
        && l.chars().count() < 300
}

/// A separator mail clients put above a quoted original.
fn separator(line: &str) -> bool {
    let l = line.trim().trim_matches('-').trim().to_lowercase();
    matches!(l.as_str(), "original message" | "исходное сообщение" | "бастапқы хабарлама")
}

/// The text without the quoted history at its end (the `>` lines, their attribution line, an
/// "Original Message" block), and what was folded away. A message that is only a quote keeps
/// its whole text.
pub fn fold(text: &str) -> (String, Option<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    if let Some(i) = lines.iter().position(|l| separator(l)) {
        end = i;
    }
    // Trailing quoted lines and blank lines.
    let mut cut = end;
    while cut > 0 && (lines[cut - 1].trim().is_empty() || lines[cut - 1].trim_start().starts_with('>')) {
        cut -= 1;
    }
    let quoted_tail = lines[cut..end].iter().any(|l| l.trim_start().starts_with('>'));
    if quoted_tail || end < lines.len() {
        end = cut;
        // The attribution line; a client may wrap it, leaving "написал:" alone on the second
        // line, with the date and address on the line before.
        if end >= 1 && attribution(lines[end - 1]) {
            end -= 1;
            let alone = lines[end].split_whitespace().count() <= 2;
            if alone
                && end >= 1
                && lines[end - 1].contains(['@', '<'])
                && lines[end - 1].chars().any(|c| c.is_ascii_digit())
            {
                end -= 1;
            }
        }
    }
    let kept = lines[..end].join("\n").trim().to_string();
    let rest = lines[end..].join("\n").trim().to_string();
    if kept.is_empty() {
        return (text.trim().to_string(), None);
    }
    (kept, Some(rest).filter(|r| !r.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replys_quoted_history_is_folded_and_a_plain_message_kept() {
        let reply = "Спасибо, отправила фото.\n\nВ пн, 1 дек. 2026 г. в 10:00, Kreditomat <info@kreditomat.kz>\nнаписал:\n> Здравствуйте!\n> Пришлите фото.\n";
        let (kept, quoted) = fold(reply);
        assert_eq!(kept, "Спасибо, отправила фото.");
        assert!(quoted.is_some_and(|q| q.contains("Пришлите фото.")), "the history is kept apart");
        let english =
            "Done.\nOn Mon, Dec 1, 2026 at 10:00 Support <info@kreditomat.kz> wrote:\n>\n> Send it.\n";
        assert_eq!(fold(english).0, "Done.");
        let outlook = "Жауап.\n\n-----Original Message-----\nFrom: info@kreditomat.kz\nSubject: x\n\ntext";
        assert_eq!(fold(outlook).0, "Жауап.");
        let plain = "Здравствуйте.\n> это не цитата в конце\nА это продолжение.";
        assert_eq!(fold(plain), (plain.to_string(), None));
        let only_quote = "> всё письмо — цитата";
        assert_eq!(fold(only_quote), (only_quote.to_string(), None));
    }

    #[test]
    fn headers_in_windows_1251_and_encoded_words_are_read() {
        let subject = "=?windows-1251?B?wu7v8O7xIO/uIOfg6ezz?=";
        let raw = format!(
            "From: =?UTF-8?B?0JDQudCz0LXRgNC40Lw=?= <Aigerim@Example.KZ>\r\nTo: info@kreditomat.kz\r\n\
             Subject: {subject}\r\nMessage-ID: <m1@example.kz>\r\nIn-Reply-To: <kp-5@kreditomat.kz>\r\n\
             References: <kp-1@kreditomat.kz> <kp-5@kreditomat.kz>\r\n\
             Content-Type: text/plain; charset=windows-1251\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        );
        let mut bytes = raw.into_bytes();
        // "Привет" in Windows-1251.
        bytes.extend_from_slice(&[0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]);
        let p = parse(&bytes, None).unwrap();
        assert_eq!(p.from, "aigerim@example.kz");
        assert_eq!(p.from_name.as_deref(), Some("Айгерим"));
        assert_eq!(p.text, "Привет");
        assert_eq!(p.subject, "Вопрос по займу");
        assert_eq!(p.message_id.as_deref(), Some("m1@example.kz"));
        assert_eq!(p.answers, ["kp-5@kreditomat.kz", "kp-1@kreditomat.kz"]);
        assert!(!p.automatic);
        assert_eq!(p.verified, None);
        assert_eq!(p.language, "ru");
    }

    #[test]
    fn the_sender_is_verified_only_by_the_configured_servers_results() {
        let mail =
            |results: &str| format!("Authentication-Results: {results}\r\nFrom: A <a@bank.kz>\r\n\r\nhi");
        let ok = mail(
            "mx.kreditomat.kz; spf=pass smtp.mailfrom=bank.kz; dkim=pass header.d=bank.kz; dmarc=pass header.from=bank.kz",
        );
        assert_eq!(parse(ok.as_bytes(), Some("mx.kreditomat.kz")).unwrap().verified, Some(true));
        let dkim = mail("mx.kreditomat.kz; dkim=pass header.d=bank.kz");
        assert_eq!(parse(dkim.as_bytes(), Some("mx.kreditomat.kz")).unwrap().verified, Some(true));
        let other_domain = mail("mx.kreditomat.kz; dkim=pass header.d=evil.example; dmarc=fail");
        assert_eq!(parse(other_domain.as_bytes(), Some("mx.kreditomat.kz")).unwrap().verified, Some(false));
        let forged = mail("mx.evil.example; dmarc=pass");
        assert_eq!(parse(forged.as_bytes(), Some("mx.kreditomat.kz")).unwrap().verified, Some(false));
    }

    #[test]
    fn auto_replies_and_bulk_mail_are_marked_and_garbage_is_refused() {
        let auto = b"From: a@b.kz\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nAway.";
        assert!(parse(auto, None).unwrap().automatic);
        let bulk = b"From: a@b.kz\r\nPrecedence: bulk\r\n\r\nNews.";
        assert!(parse(bulk, None).unwrap().automatic);
        let bounce = b"Return-Path: <>\r\nFrom: MAILER-DAEMON@b.kz\r\n\r\nUndeliverable.";
        assert!(parse(bounce, None).unwrap().automatic);
        assert_eq!(parse(b"Subject: no sender\r\n\r\nhi", None).err(), Some(ParseError::NoSender));
        assert!(parse(b"", None).is_err());
        // A NUL in an id is no id; a From without an address is no sender.
        let odd = b"From: a@b.kz\r\nMessage-ID: <a\x00b@c>\r\n\r\nhi";
        assert_eq!(parse(odd, None).unwrap().message_id, None);
        assert_eq!(parse(b"From: \"x\" <not an address>\r\n\r\nhi", None).err(), Some(ParseError::NoSender));
    }
}
