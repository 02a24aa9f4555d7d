//! A contest ready for the jury, built over HTTP like people would: an admin
//! sets it up, participants whose every identifying detail is a unique marker
//! enter it, jurors accept their invitations, and judging opens.

use reqwest::StatusCode;

use super::{Browser, Site, contest_fields};

/// What a participant could be recognised by; none of it may reach a juror.
pub const MARKERS: [&str; 6] = [
    "mrkname",
    "mrkmail",
    "mrkland",
    "mrkuni",
    "mrkartist",
    "mrkfile",
];

/// How to build the contest.
pub struct Setup {
    pub slug: &'static str,
    /// Participants per category (students, artists).
    pub per_category: [usize; 2],
    /// Photos per participant.
    pub photos: usize,
    /// 0: everyone scores everything.
    pub quorum: usize,
    /// "photo" or "portfolio".
    pub unit: &'static str,
    /// Per juror: which categories (0 = students, 1 = artists).
    pub jurors: Vec<Vec<usize>>,
    /// Stories name their author ("mrkstory"); the admin redacts them all.
    pub redacted_stories: bool,
    /// The admin disqualifies the first participant before judging.
    pub disqualify_first: bool,
    /// The last artist does not consent to having their name published.
    pub withhold_last: bool,
    /// Names, titles, captions and stories carry markup, formulas and a
    /// right-to-left override (see `HOSTILE_*`).
    pub hostile_text: bool,
    /// Where to stop: "open" (entries in, jurors accepted), "closed"
    /// (screened) or "judging" (the default).
    pub until: &'static str,
}

/// What `hostile_text` participants type.
pub const HOSTILE_NAME: &str = "@SUM(1) <script>alert(1)</script> Mrkname\u{202E}";
/// The title of their photos.
pub const HOSTILE_TITLE: &str = "=HYPERLINK(\"http://evil.example\") <b>t</b>";
/// The caption.
pub const HOSTILE_CAPTION: &str = "<img src=x onerror=alert(2)>";
/// The story.
pub const HOSTILE_STORY: &str = "\u{202E}<i>night</i> bus \u{2066}story\u{2069}";

impl Default for Setup {
    fn default() -> Self {
        Self {
            slug: "jury-test",
            per_category: [2, 2],
            photos: 2,
            quorum: 0,
            unit: "photo",
            jurors: vec![vec![0, 1], vec![0, 1], vec![1]],
            redacted_stories: false,
            disqualify_first: false,
            withhold_last: false,
            hostile_text: false,
            until: "judging",
        }
    }
}

/// The contest in judging, with signed-in browsers.
pub struct Judged {
    pub admin: Browser,
    pub admin_path: String,
    pub contest_id: i64,
    pub slug: &'static str,
    pub categories: Vec<String>,
    pub jurors: Vec<Browser>,
    pub participants: Vec<Browser>,
}

/// A small JPEG whose EXIF Artist is `artist`, with distinct pixels per `seed`.
pub fn jpeg_with_artist(seed: u32, artist: &str) -> Vec<u8> {
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([
            (x + seed * 37) as u8,
            (y * 2 + seed * 11) as u8,
            ((x ^ y) + seed) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    // APP1 "Exif": a little-endian TIFF header and IFD0 with one ASCII Artist tag.
    let mut value = artist.as_bytes().to_vec();
    value.push(0);
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(0x013Bu16.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    tiff.extend((value.len() as u32).to_le_bytes());
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(&value);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// The one-time link shown to the admin after an invitation.
pub fn invitation_path(page: &str) -> String {
    let start = page
        .find("id=\"invitation-link\">")
        .expect("an invitation link")
        + 21;
    let url = &page[start..start + page[start..].find('<').unwrap()];
    let at = url.find("/invitations/").unwrap();
    url[at..].to_owned()
}

/// Invites `email` to the categories (by their ids) and accepts as a new account.
pub async fn invite_and_accept(
    app: &impl Site,
    admin: &Browser,
    contest_id: i64,
    email: &str,
    categories: &[&str],
) -> Browser {
    admin
        .get(&format!("/admin/contests/{contest_id}/jury"))
        .await;
    let mut fields = vec![("email", email)];
    fields.extend(categories.iter().map(|c| ("category", *c)));
    let page = admin
        .post(&format!("/admin/contests/{contest_id}/jurors"), &fields)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let link = invitation_path(&page.body);
    let juror = app.browser();
    let form = juror.get(&link).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let done = juror
        .post(
            &link,
            &[
                ("password", "juror-password"),
                ("password_confirm", "juror-password"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    juror.get("/account").await;
    juror
}

/// Category ids of the contest, in order.
pub async fn category_ids(app: &impl Site, contest_id: i64) -> Vec<String> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM categories WHERE contest_id = $1 ORDER BY position, id")
            .bind(contest_id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    ids.into_iter().map(|i| i.to_string()).collect()
}

/// Builds the contest and opens judging.
pub async fn judged(app: &impl Site, setup: Setup) -> Judged {
    let admin = app.signed_in("admin@example.org", true).await;
    admin.get("/admin/contests/new").await;
    let (opens_at, closes_at) = app.window();
    let mut fields = contest_fields(setup.slug, "Jury test");
    fields.retain(|(k, _)| !matches!(*k, "countries" | "judging_unit" | "opens_at" | "closes_at"));
    fields.push(("countries", "Kyrgyzstan\nmrkland"));
    fields.push(("judging_unit", setup.unit));
    fields.push(("opens_at", &opens_at));
    fields.push(("closes_at", &closes_at));
    let page = admin.post("/admin/contests", &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let admin_path = page.location().to_owned();
    let contest_id: i64 = admin_path.rsplit('/').next().unwrap().parse().unwrap();
    admin.get(&admin_path).await;
    for (name, university) in [("Students", true), ("Artists", false)] {
        let mut f = vec![("name", name), ("description", "who"), ("max_photos", "")];
        if university {
            f.push(("requires_university", "1"));
        }
        let p = admin.post(&format!("{admin_path}/categories"), &f).await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    for (name, weight) in [("Impact", "2"), ("Craft", "1")] {
        let f = [
            ("name", name),
            ("description", "what to look for"),
            ("weight", weight),
            ("scale_min", "1"),
            ("scale_max", "10"),
        ];
        let p = admin.post(&format!("{admin_path}/criteria"), &f).await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    let categories = category_ids(app, contest_id).await;
    if setup.quorum > 0 {
        admin.get(&format!("{admin_path}/jury")).await;
        let k = setup.quorum.to_string();
        let p = admin
            .post(&format!("{admin_path}/jury/quorum"), &[("quorum", &k)])
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    admin.get(&admin_path).await;
    let p = admin
        .post(&format!("{admin_path}/phase"), &[("to", "open")])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);

    let mut participants = Vec::new();
    let mut seed = 0;
    for (c, category) in categories.iter().enumerate() {
        for i in 0..setup.per_category[c] {
            let tag = format!("{c}x{i}");
            let email = format!("mrkmail{tag}@example.org");
            let b = app.signed_in(&email, false).await;
            b.get(&format!("/contests/{}/entry", setup.slug)).await;
            let name = if setup.hostile_text {
                format!("{HOSTILE_NAME} {tag}")
            } else {
                format!("Mrkname {tag}")
            };
            let university = format!("mrkuni {tag}");
            let mut f = vec![
                ("category", category.as_str()),
                ("full_name", name.as_str()),
                ("country", "mrkland"),
                ("consent_rules", "1"),
            ];
            let last = c == 1 && i + 1 == setup.per_category[1];
            if !(setup.withhold_last && last) {
                f.push(("consent_name", "1"));
            }
            if c == 0 {
                f.push(("university", university.as_str()));
            }
            let p = b.post(&format!("/contests/{}/entry", setup.slug), &f).await;
            assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
            b.get(&format!("/contests/{}/entry", setup.slug)).await;
            for n in 0..setup.photos {
                seed += 1;
                let file = format!("mrkfile-{tag}-{n}.jpg");
                let artist = format!("mrkartist {tag}");
                let p = b
                    .upload(
                        &format!("/contests/{}/entry/photos", setup.slug),
                        &if setup.hostile_text {
                            [("title", HOSTILE_TITLE), ("caption", HOSTILE_CAPTION)]
                        } else {
                            [("title", "Night shift"), ("caption", "At the bus depot")]
                        },
                        vec![(file.as_str(), jpeg_with_artist(seed, &artist))],
                        true,
                    )
                    .await;
                assert_eq!(p.status, StatusCode::OK, "{}", p.body);
            }
            if setup.redacted_stories || setup.hostile_text {
                let story = if setup.hostile_text {
                    HOSTILE_STORY.to_owned()
                } else {
                    format!("Written by Mrkname {tag} (mrkstory), who rode the night bus.")
                };
                let p = b
                    .post(
                        &format!("/contests/{}/entry/story", setup.slug),
                        &[("story", &story)],
                    )
                    .await;
                assert!(
                    p.status.is_success() || p.status.is_redirection(),
                    "{}",
                    p.body
                );
            }
            participants.push(b);
        }
    }

    let mut jurors = Vec::new();
    for (j, cats) in setup.jurors.iter().enumerate() {
        let ids: Vec<&str> = cats.iter().map(|&c| categories[c].as_str()).collect();
        let email = format!("juror{j}@jury.example.org");
        jurors.push(invite_and_accept(app, &admin, contest_id, &email, &ids).await);
    }

    let built = |admin, jurors, participants| Judged {
        admin,
        admin_path: admin_path.clone(),
        contest_id,
        slug: setup.slug,
        categories: categories.clone(),
        jurors,
        participants,
    };
    if setup.until == "open" {
        return built(admin, jurors, participants);
    }
    app.pass_deadline(&admin, &admin_path, &fields).await;
    admin.get(&admin_path).await;
    let p = admin
        .post(&format!("{admin_path}/phase"), &[("to", "closed")])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let portfolios: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM portfolios WHERE contest_id = $1 ORDER BY id")
            .bind(contest_id)
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    admin.get(&format!("{admin_path}/entries")).await;
    if setup.redacted_stories {
        for id in &portfolios {
            let p = admin
                .post(
                    &format!("{admin_path}/entries/{id}/redact"),
                    &[
                        ("field", "story"),
                        ("text", "A night on the bus (redacted by the organisers)."),
                    ],
                )
                .await;
            assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
        }
    }
    if setup.disqualify_first {
        let p = admin
            .post(
                &format!("{admin_path}/entries/{}/status", portfolios[0]),
                &[("status", "disqualified"), ("reason", "not a citizen")],
            )
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    if setup.until == "closed" {
        return built(admin, jurors, participants);
    }
    admin.get(&admin_path).await;
    let p = admin
        .post(&format!("{admin_path}/phase"), &[("to", "judging")])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    built(admin, jurors, participants)
}

/// The entry numbers in a juror's queue, in the order their home shows them.
pub async fn queue_of(juror: &Browser, slug: &str) -> Vec<String> {
    let page = juror.get(&format!("/jury/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let marker = format!("href=\"/jury/{slug}/entries/");
    let grid = page.body.split("<ul class=\"grid\">").nth(1).unwrap_or("");
    let mut numbers: Vec<String> = grid
        .split(&marker)
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect();
    numbers.dedup();
    numbers
}

/// The criterion fields (`c{id}`) of a scoring page, in order.
pub fn criterion_fields(body: &str) -> Vec<String> {
    body.split("name=\"c")
        .skip(1)
        .filter(|s| s.starts_with(|c: char| c.is_ascii_digit()))
        .map(|s| format!("c{}", s.split('"').next().unwrap()))
        .collect()
}

/// Scores one entry with the plain form; returns the response.
pub async fn score(
    juror: &Browser,
    slug: &str,
    number: &str,
    values: &[&str],
    go: &str,
) -> super::Page {
    let page = juror.get(&format!("/jury/{slug}/entries/{number}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let names = criterion_fields(&page.body);
    let mut fields: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(values.iter().copied())
        .collect();
    fields.push(("go", go));
    juror
        .post(&format!("/jury/{slug}/entries/{number}"), &fields)
        .await
}

/// Scores every entry in a juror's queue with `value` on both criteria.
pub async fn score_all(juror: &Browser, slug: &str, value: &str) {
    for number in queue_of(juror, slug).await {
        let saved = score(juror, slug, &number, &[value, value], "stay").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
}
