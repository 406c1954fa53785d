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
    /// Some history was folded away.
    pub folded: bool,
    /// An auto-reply or bulk mail: never answered automatically.
    pub automatic: bool,
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

/// Reads `raw`.
pub fn parse(raw: &[u8]) -> Result<Parsed, ParseError> {
    let message = MessageParser::default().parse(raw).ok_or(ParseError::NotMail)?;
    if message.parts.len() > MAX_PARTS {
        return Err(ParseError::TooManyParts);
    }
    let sender = message.from().and_then(|a| a.first());
    let from = sender.and_then(|a| a.address()).map(|a| a.trim().to_lowercase()).unwrap_or_default();
    if !from.contains('@') || from.len() > 254 {
        return Err(ParseError::NoSender);
    }
    let from_name = sender.and_then(|a| a.name()).map(str::to_string).filter(|n| !n.trim().is_empty());
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
    let body = message.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
    let body = body.replace("\r\n", "\n");
    let (text, folded) = fold(&body);
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
        message_id: message.message_id().map(str::to_string).filter(|m| !m.is_empty() && m.len() <= 500),
        answers: answers.into_iter().filter(|a| !a.is_empty() && a.len() <= 500).take(50).collect(),
        from,
        from_name,
        subject: message.subject().unwrap_or("").trim().to_string(),
        text,
        folded,
        automatic,
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
/// "Original Message" block), and whether anything was folded. A message that is only a quote
/// keeps its whole text.
pub fn fold(text: &str) -> (String, bool) {
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
    if kept.is_empty() {
        return (text.trim().to_string(), false);
    }
    let folded = end < lines.len() && lines[end..].iter().any(|l| !l.trim().is_empty());
    (kept, folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replys_quoted_history_is_folded_and_a_plain_message_kept() {
        let reply = "Спасибо, отправила фото.\n\nВ пн, 1 дек. 2026 г. в 10:00, Kreditomat <info@kreditomat.kz>\nнаписал:\n> Здравствуйте!\n> Пришлите фото.\n";
        assert_eq!(fold(reply), ("Спасибо, отправила фото.".to_string(), true));
        let english =
            "Done.\nOn Mon, Dec 1, 2026 at 10:00 Support <info@kreditomat.kz> wrote:\n>\n> Send it.\n";
        assert_eq!(fold(english), ("Done.".to_string(), true));
        let outlook = "Жауап.\n\n-----Original Message-----\nFrom: info@kreditomat.kz\nSubject: x\n\ntext";
        assert_eq!(fold(outlook), ("Жауап.".to_string(), true));
        let plain = "Здравствуйте.\n> это не цитата в конце\nА это продолжение.";
        assert_eq!(fold(plain), (plain.to_string(), false));
        let only_quote = "> всё письмо — цитата";
        assert_eq!(fold(only_quote), (only_quote.to_string(), false));
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
        let p = parse(&bytes).unwrap();
        assert_eq!(p.from, "aigerim@example.kz");
        assert_eq!(p.from_name.as_deref(), Some("Айгерим"));
        assert_eq!(p.text, "Привет");
        assert_eq!(p.subject, "Вопрос по займу");
        assert_eq!(p.message_id.as_deref(), Some("m1@example.kz"));
        assert_eq!(p.answers, ["kp-5@kreditomat.kz", "kp-1@kreditomat.kz"]);
        assert!(!p.automatic);
        assert_eq!(p.language, "ru");
    }

    #[test]
    fn auto_replies_and_bulk_mail_are_marked_and_garbage_is_refused() {
        let auto = b"From: a@b.kz\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nAway.";
        assert!(parse(auto).unwrap().automatic);
        let bulk = b"From: a@b.kz\r\nPrecedence: bulk\r\n\r\nNews.";
        assert!(parse(bulk).unwrap().automatic);
        let bounce = b"Return-Path: <>\r\nFrom: MAILER-DAEMON@b.kz\r\n\r\nUndeliverable.";
        assert!(parse(bounce).unwrap().automatic);
        assert_eq!(parse(b"Subject: no sender\r\n\r\nhi").err(), Some(ParseError::NoSender));
        assert!(parse(b"").is_err());
    }
}
