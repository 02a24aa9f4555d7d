//! The house, read from the source: which top-level module imports which
//! (`crate::x` paths, grouped `use crate::{…}` included), checked against the
//! layers of `docs/architecture.md`, and the blindness rule that juror-facing
//! code cannot reach an identity. `cargo test --test api architecture --
//! --nocapture` prints the module graph's figures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and its layer; an import must go to a lower layer.
const LAYERS: &[(&str, u8)] = &[
    ("main", 12),
    ("lib", 11),
    ("cli", 10),
    ("demo", 9),
    ("startup", 9),
    ("workflow", 8),
    ("jury", 7),
    ("results", 6),
    ("submissions", 6),
    ("accounts", 5),
    ("contests", 5),
    ("audit", 4),
    ("identity", 4),
    ("state", 4),
    ("web", 3),
    ("images", 2),
    ("mail", 2),
    ("config", 1),
    ("metrics", 1),
    ("clock", 0),
    ("db", 0),
    ("error", 1),
    ("i18n", 0),
    ("server", 0),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without `//` comments (doc comments name things freely).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The string literals of some code (where its SQL is).
fn string_literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut escaped = false;
    for c in code.chars() {
        match current.as_mut() {
            None if c == '"' => current = Some(String::new()),
            None => {}
            Some(text) if escaped => {
                text.push(c);
                escaped = false;
            }
            Some(_) if c == '\\' => escaped = true,
            Some(_) if c == '"' => out.extend(current.take()),
            Some(text) => text.push(c),
        }
    }
    out
}

/// The top-level module a file belongs to: `src/jury/x.rs` is `jury`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// The top-level modules a piece of code names through `crate::`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let head = item.trim().split("::").next().unwrap_or("").trim();
                if !head.is_empty() {
                    found.insert(head.to_owned());
                }
            }
        } else {
            let head: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.insert(head);
        }
    }
    found
}

/// Module -> the modules it imports, from the whole of `src/`.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let module = module_of(&src, &file);
        let targets = graph.entry(module.clone()).or_default();
        for target in imports(&code(&file)) {
            if target != module && target != "self" {
                targets.insert(target);
            }
        }
    }
    graph
}

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .unwrap_or_else(|| {
            panic!("module {module} has no layer: add it to LAYERS and docs/architecture.md")
        })
        .1
}

#[test]
fn every_module_imports_only_modules_below_it() {
    let graph = graph();
    let mut upward = Vec::new();
    let mut edges = 0;
    for (from, targets) in &graph {
        for to in targets {
            edges += 1;
            if layer(to) >= layer(from) {
                upward.push(format!("{from} -> {to}"));
            }
        }
    }
    // No import within or up a layer means no circle between modules either.
    println!(
        "modules: {}, imports between them: {edges}, imports not pointing down: {}",
        graph.len(),
        upward.len()
    );
    for (from, targets) in &graph {
        println!("  {from} (layer {}) -> {targets:?}", layer(from));
    }
    assert!(
        upward.is_empty(),
        "imports that do not point down: {upward:?}"
    );
    for (name, _) in LAYERS {
        assert!(
            graph.contains_key(*name),
            "LAYERS names {name}, which is no module"
        );
    }
}

#[test]
fn the_toolbox_imports_no_capability_module() {
    let graph = graph();
    let capabilities = [
        "contests",
        "submissions",
        "jury",
        "results",
        "accounts",
        "identity",
    ];
    for module in ["web", "error", "db", "config", "images"] {
        let reached: Vec<_> = graph[module]
            .iter()
            .filter(|t| capabilities.contains(&t.as_str()))
            .collect();
        assert!(reached.is_empty(), "{module} imports {reached:?}");
    }
}

#[test]
fn juror_facing_code_cannot_reach_an_identity() {
    let jury = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/jury");
    let mut files = Vec::new();
    rust_files(&jury, &mut files);
    assert!(files.len() > 5, "{files:?}");
    // What carries an identity: the identity module, the portfolio rows
    // (each holds an `Entrant`), the reveal's authors.
    let forbidden_paths = [
        "crate::identity",
        "identity::",
        "submissions::queries",
        "reveal::",
        // What the camera wrote and who else entered the same picture.
        "images::exif",
        "likeness::",
    ];
    // Identity columns, in SQL.
    let forbidden_columns = [
        "full_name",
        "country",
        "university",
        "consent_name",
        "p.user_id",
        "portfolios.user_id",
        "u.email",
        "camera",
        "taken",
        "image_unique_id",
        "photo_pairs",
        // The language a participant reads the site in.
        "u.lang",
        "lang FROM users",
    ];
    let mut found = Vec::new();
    for file in &files {
        let code = code(file);
        let sql = string_literals(&code).join("\n");
        for needle in forbidden_paths {
            if code.contains(needle) {
                found.push(format!("{} names {needle}", file.display()));
            }
        }
        for column in forbidden_columns {
            if sql.contains(column) {
                found.push(format!("{}: its SQL names {column}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "juror-facing code reaches identities: {found:#?}"
    );
}

#[test]
fn sql_is_read_from_string_literals() {
    let code = "let x = u.email; sqlx::query(\"SELECT p.full_name \\\"q\\\" FROM x\")";
    assert_eq!(
        string_literals(code),
        vec!["SELECT p.full_name \"q\" FROM x".to_owned()]
    );
}

#[test]
fn the_reading_of_imports_sees_grouped_and_plain_paths() {
    let found = imports(
        "use crate::{error::AppError, state::AppState, audit};\nlet x = crate::web::render(y);",
    );
    let expected: BTreeSet<String> = ["audit", "error", "state", "web"].map(String::from).into();
    assert_eq!(found, expected);
}
