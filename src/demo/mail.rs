//! Demo mail: a few messages to the support address, taken as the mail gateway's are
//! ([`crate::mail::inbound`]): a customer's message with a selfie (and a file the portal does
//! not take), the customer's reply from a phone with the history quoted, a Kazakh HTML-only
//! message from an address no customer gave, and an auto-reply.

use crate::{
    audit::Actor,
    db::Db,
    mail::{
        encode::base64_lines,
        inbound::{self, Via},
    },
    photos::storage::Photos,
    with_db,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Takes the demo messages, unless mail was taken before.
pub async fn load(db: &Db, photos: &Photos) -> Result<(), BoxError> {
    let taken: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM ticket_mail").fetch_one(c).await)?;
    if taken > 0 {
        return Ok(());
    }
    // A customer who gave an address, in Russian.
    let email: Option<String> = with_db!(db, |c| {
        sqlx::query_scalar(
        "SELECT email FROM applications WHERE email IS NOT NULL AND language = 'ru' AND customer_id IS NOT NULL
         ORDER BY id LIMIT 1"
    )
    .fetch_optional(c)
    .await
    })?;
    let Some(email) = email else { return Ok(()) };
    let selfie = base64_lines(&crate::photos::fixtures::phone_jpeg(960, 1280, 1, 7001));
    let messages = [
        format!(
            "From: <{email}>\r\nTo: info@kreditomat.kz\r\nSubject: =?utf-8?B?0JLQvtGB0YHRgtCw0L3QvtCy0LvQtdC90LjQtSDQtNC+0YHRgtGD0L/QsA==?=\r\n\
Message-ID: <demo-1@mail.example.kz>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
Здравствуйте! Мой телефон украли, в приложение кто-то входил. Прошу заблокировать доступ. Прикладываю селфи.\r\n\
--b\r\nContent-Type: image/jpeg; name=\"selfie.jpg\"\r\nContent-Disposition: attachment; filename=\"selfie.jpg\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\n{selfie}\r\n\
--b\r\nContent-Type: application/x-msdownload; name=\"scan.exe\"\r\nContent-Disposition: attachment; filename=\"scan.exe\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n--b--\r\n"
        ),
        format!(
            "From: <{email}>\r\nTo: info@kreditomat.kz\r\nSubject: Re: =?utf-8?B?0JLQvtGB0YHRgtCw0L3QvtCy0LvQtdC90LjQtSDQtNC+0YHRgtGD0L/QsA==?=\r\n\
Message-ID: <demo-2@mail.example.kz>\r\nIn-Reply-To: <demo-1@mail.example.kz>\r\nReferences: <demo-1@mail.example.kz>\r\n\
Content-Type: text/plain; charset=utf-8\r\nX-Mailer: iPhone Mail (21B101)\r\n\r\n\
Заявление в полицию подала, номер КУСП 1234.\r\n\r\nОтправлено с iPhone\r\n\r\n\
> 6 дек. 2026 г., в 10:00, {email} написал(а):\r\n>\r\n> Здравствуйте! Мой телефон украли.\r\n"
        ),
        "From: =?utf-8?B?05jRgdC10Ls=?= <asel.n@mail.example.kz>\r\nTo: info@kreditomat.kz\r\n\
Subject: =?utf-8?B?0JTQtdGA0LHQtdGBINC00LXRgNC10LrRgtC10YA=?=\r\nMessage-ID: <demo-3@mail.example.kz>\r\n\
Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Сәлеметсіз бе! Менің дербес деректерімді өңдеуге қарсылық білдіремін.</p>\
<script>alert(1)</script></body></html>\r\n"
            .to_string(),
        format!(
            "From: <{email}>\r\nTo: info@kreditomat.kz\r\nSubject: =?utf-8?B?0JDQstGC0L7QvtGC0LLQtdGC?=\r\n\
Message-ID: <demo-4@mail.example.kz>\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: <demo-1@mail.example.kz>\r\n\r\n\
Я в отпуске до 15 декабря.\r\n"
        ),
    ];
    let via = Via { actor: Actor::System("demo"), api_client_id: None, auth_server: None };
    for m in messages {
        inbound::take(db, photos, &via, m.into_bytes(), "127.0.0.1").await?;
    }
    Ok(())
}
