//! A participant of a demo contest in the open phase, for the load examples:
//! registers, signs in, fills the eligibility form; returns a cookie-keeping
//! client and the entry page's CSRF token.

/// The first CSRF token of a page.
pub fn csrf(html: &str) -> String {
    let key = "name=\"csrf\" value=\"";
    html.find(key)
        .map(|i| &html[i + key.len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

/// Participant number `n` of the contest `slug` on `base`, ready to upload:
/// the client, the entry page's CSRF token and the `Cookie` header it sends.
pub async fn participant(base: &str, slug: &str, n: usize) -> (reqwest::Client, String, String) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let get = |path: String| {
        let client = client.clone();
        async move {
            client
                .get(path)
                .send()
                .await
                .expect("GET")
                .text()
                .await
                .expect("body")
        }
    };
    let token = csrf(&get(format!("{base}/register")).await);
    let email = format!("rush{n}@load.test");
    let form = [
        ("csrf", token.as_str()),
        ("email", &email),
        ("password", "rush-password"),
        ("password_confirm", "rush-password"),
    ];
    client
        .post(format!("{base}/register"))
        .form(&form)
        .send()
        .await
        .expect("register");
    // Registering sends people to the sign-in form (the answer is the same
    // whether or not the address had an account).
    let token = csrf(&get(format!("{base}/login")).await);
    let form = [
        ("csrf", token.as_str()),
        ("email", &email),
        ("password", "rush-password"),
    ];
    client
        .post(format!("{base}/login"))
        .form(&form)
        .send()
        .await
        .expect("sign in");
    let page = get(format!("{base}/contests/{slug}/entry")).await;
    // A participant who entered on an earlier run goes straight on.
    if let Some(category) = page
        .split("name=\"category\" value=\"")
        .nth(2)
        .and_then(|s| s.split('"').next())
    {
        let token = csrf(&page);
        let form = [
            ("csrf", token.as_str()),
            ("category", category),
            ("full_name", "Rush Participant"),
            ("country", "Kazakhstan"),
            ("consent_rules", "1"),
        ];
        client
            .post(format!("{base}/contests/{slug}/entry"))
            .form(&form)
            .send()
            .await
            .expect("enter");
    }
    let token = csrf(&get(format!("{base}/contests/{slug}/entry")).await);
    let url: reqwest::Url = base.parse().expect("base URL");
    let cookie = reqwest::cookie::CookieStore::cookies(jar.as_ref(), &url)
        .and_then(|v| v.to_str().ok().map(str::to_owned))
        .unwrap_or_default();
    (client, token, cookie)
}
