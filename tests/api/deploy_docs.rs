//! The deployment guide shows the configuration files the deployment test
//! (`tests/deploy.rs`) runs, exactly: a change to one is a change to both.

#[test]
fn the_deployment_guide_shows_the_files_the_deployment_test_runs() {
    let root = env!("CARGO_MANIFEST_DIR");
    let guide = std::fs::read_to_string(format!("{root}/docs/deploy.md")).unwrap();
    for file in [
        "contrib/nginx/photojury.conf",
        "contrib/systemd/photojury@.service",
        "contrib/systemd/photojury.env",
    ] {
        let text = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
        assert!(
            guide.contains(&format!("\n{text}```")),
            "docs/deploy.md does not show {file} as it is"
        );
    }
}
